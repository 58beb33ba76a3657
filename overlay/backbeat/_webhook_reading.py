"""How a webhook body becomes an event, given what tools/gen_webhooks.py generated.

A payload schema of the spec's `webhooks` (`Payload`) lists its event attributes
(`Attribute`): the body keys each reads and the converter its schema type calls for, both
decided at generation time. A documented value that fits the schema is read by the generated
reader of the schema's model (readers.py, the same reader as responses); a value that does not
(the vendor sends `"0.68"` where the schema says number, `"true"` for a boolean) is handed to
the attribute's converter as it came, which keeps what it can and reads the rest as None. So a
body is never refused for one odd field: only `parse_webhook` refuses a body, and only when it
cannot be a webhook at all.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from ._validation import MISSING, Mismatch, ModelShape

Body = Mapping[str, Any]
Convert = Callable[[object], object]


@dataclass(frozen=True)
class Attribute:
    name: str
    keys: tuple[str, ...]
    """The body keys read; several make a mapping of the ones present (`grouped`)."""
    convert: Convert

    @property
    def grouped(self) -> bool:
        return len(self.keys) > 1


@dataclass(frozen=True)
class Payload:
    schema: str
    reader: Callable[[Any, list[object]], Any]
    shape: ModelShape
    event: type
    by_subtype: Mapping[str, type]
    keys: frozenset[str]
    """Every body key the schema documents."""
    marks: frozenset[str]
    """Documented keys that fewer than half of the payload schemas document: a body's marks
    say which payload it is."""
    attributes: tuple[Attribute, ...]

    def event_class(self, body: Body) -> type:
        subtype = body.get("subtype")
        return self.by_subtype.get(subtype, self.event) if isinstance(subtype, str) else self.event


def read_event(
    payload: Payload | None, base: type, base_attributes: tuple[Attribute, ...], body: Body
) -> Any:
    """The event of `body`: its payload's class, or `base` (its `base_attributes` only) when
    no payload schema describes it."""
    if payload is None:
        event_class, attributes, model_values = base, base_attributes, {}
    else:
        event_class, attributes = payload.event_class(body), payload.attributes
        model_values = _model_values(payload, body)
    values: dict[str, Any] = {"body": body}
    for attribute in attributes:
        raw = {key: model_values.get(key, body.get(key, MISSING)) for key in attribute.keys}
        present = {key: value for key, value in raw.items() if value is not MISSING}
        if attribute.grouped:
            value = attribute.convert(present)
        else:
            value = attribute.convert(present.get(attribute.keys[0]))
        if value is not None:
            values[attribute.name] = value
    return event_class(**values)


def _model_values(payload: Payload, body: Body) -> dict[str, Any]:
    """The documented values that fit the schema, as the generated reader built them."""
    fitting = {
        f.key: body[f.key]
        for f in payload.shape.fields
        if f.key in body and f.shape.check(body[f.key])
    }
    try:
        model = payload.reader(fitting, [])
    except Mismatch:  # only when task_id or conversion_type is not a string
        return {}
    return {f.key: getattr(model, f.alias) for f in payload.shape.fields if f.key in fitting}


def unread_fields(event: Any) -> Body:
    """Body fields that no attribute of the event's class reads (`event`: a generated event,
    whose `sources` name the body keys read under other names)."""
    read = {f.name for f in fields(event)}.union(*event.sources.values())
    return MappingProxyType({k: v for k, v in event.body.items() if k not in read})


def present_fields_repr(event: Any) -> str:
    """`AudioEvent(task_id='…', conversion_path='…')`: the fields that hold a value, as the
    result models show themselves (the whole body stays in `body`, out of the repr)."""
    shown = [
        f"{f.name}={getattr(event, f.name)!r}"
        for f in fields(event)
        if f.repr and getattr(event, f.name) is not None
    ]
    return f"{type(event).__name__}({', '.join(shown)})"


# --- converters: one per schema type (tools/gen_webhooks.py picks them) ---------------------


def _plain(value: object) -> object:
    """A nested model's mapping (its `additional_properties`), or the value itself."""
    return getattr(value, "additional_properties", value)


def text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def number(value: object) -> float | None:
    """A finite number from a number or a numeric string (the vendor sends both)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def texts(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(item for item in value if isinstance(item, str))


def items(value: object) -> tuple[Any, ...] | None:
    return tuple(value) if isinstance(value, list) else None


def text_map(value: object) -> dict[str, str] | None:
    value = _plain(value)
    if not isinstance(value, Mapping):
        return None
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def number_map(value: object) -> dict[str, float] | None:
    value = _plain(value)
    if not isinstance(value, Mapping):
        return None
    numbers = {str(k): number(v) for k, v in value.items()}
    return {k: v for k, v in numbers.items() if v is not None}


def texts_map(value: object) -> dict[str, tuple[str, ...]] | None:
    value = _plain(value)
    if not isinstance(value, Mapping):
        return None
    listed = {str(k): texts(v) for k, v in value.items()}
    return {k: v for k, v in listed.items() if v is not None}


def decoded(convert: Convert) -> Convert:
    """`convert` applied to a JSON string decoded (the vendor nests JSON in strings)."""

    def read(value: object) -> object:
        return convert(json_value(value))

    return read


def json_value(value: object) -> object:
    """A JSON string decoded; other values as they are; None for a string that is not JSON."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return None
    return value


def decoded_objects(value: object) -> list[dict[str, Any]]:
    """The objects of a JSON-encoded list (an empty list for anything else)."""
    listed = json_value(value)
    return [x for x in listed if isinstance(x, dict)] if isinstance(listed, list) else []
