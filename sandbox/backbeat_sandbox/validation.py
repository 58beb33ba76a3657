"""Request validation against the spec: query parameters, JSON bodies and form bodies, and
the rules the spec states as vendor extensions (``backbeat_specs.rules``).

Values that travel as strings (query parameters, form fields) are coerced per their schema
before a Draft 2020-12 validator built from the spec judges them. Every problem becomes an
``Invalid`` whose message names the field and what is wrong with it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backbeat_specs.rules import missing_one_of, out_of_order
from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from .encoding import InvalidText, parse_json
from .inbound import FormValue, Inbound, Upload
from .spec import JSON, Operation, Spec, pointer_to

MAX_MESSAGE_CHARS = 300
MAX_PATTERN_CHARS = 60
_INTEGER = re.compile(r"[+-]?\d{1,300}")


class Invalid(Exception):
    """The request breaks the spec. Each API decides the status (400, or 422 for MusicGPT's
    missing body fields): ``source`` says where, ``missing`` names the absent required fields
    as alternatives (any one of which would do)."""

    def __init__(
        self, message: str, *, source: str = "request", missing: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.missing = missing


@dataclass(frozen=True)
class Arguments:
    """A validated request: coerced query parameters, the body, and uploaded files."""

    query: dict[str, JSON] = field(default_factory=dict)
    body: JSON = None
    uploads: dict[str, Upload] = field(default_factory=dict)


def validate_request(spec: Spec, op: Operation, inbound: Inbound) -> Arguments:
    if inbound.problem is not None:
        raise Invalid(inbound.problem)
    query = _validate_query(spec, op, inbound.query)
    body, uploads = _validate_body(spec, op, inbound)
    problem = missing_one_of(op.reader, query, inbound.headers, body)
    if problem is not None:
        names = op.reader.requires_one_of
        if op.node.get("requestBody") is None:
            raise Invalid(problem, source="query")
        raise Invalid(problem, source="body", missing=names)
    return Arguments(query=query, body=body, uploads=uploads)


def _validate_query(spec: Spec, op: Operation, items: Iterable[tuple[str, str]]) -> dict[str, JSON]:
    given: dict[str, list[str]] = {}
    for name, value in items:
        given.setdefault(name, []).append(value)
    values: dict[str, JSON] = {}
    for parameter in _query_parameters(spec, op.pointer):
        name, schema = parameter.name, parameter.schema
        if name not in given:
            if parameter.required:
                raise Invalid(f"{name}: required query parameter is missing", source="query")
            if "default" in schema:
                values[name] = schema["default"]
            continue
        value = _single_or_list(spec, name, given[name], schema)
        _check(spec, parameter.schema_pointer, value, name, source="query")
        values[name] = value
    return values


@dataclass(frozen=True)
class _QueryParameter:
    name: str
    required: bool
    schema: Mapping[str, JSON]
    schema_pointer: str


@functools.cache  # per operation, once: the spec never changes
def _query_parameters(spec: Spec, operation_pointer: str) -> tuple[_QueryParameter, ...]:
    found = []
    for index, declared in enumerate(spec.at(operation_pointer).get("parameters", [])):
        parameter = spec.resolve(declared)
        if parameter.get("in") == "query":
            pointer = spec.follow(f"{operation_pointer}/parameters/{index}") + "/schema"
            schema = spec.resolve(parameter.get("schema", {}))
            found.append(
                _QueryParameter(parameter["name"], bool(parameter.get("required")), schema, pointer)
            )
    return tuple(found)


@functools.cache
def _body_schema_pointer(spec: Spec, operation_pointer: str, media_type: str) -> str:
    body_pointer = spec.follow(f"{operation_pointer}/requestBody")
    return body_pointer + pointer_to("content", media_type, "schema")


def _validate_body(spec: Spec, op: Operation, inbound: Inbound) -> tuple[JSON, dict[str, Upload]]:
    declared = op.node.get("requestBody")
    if declared is None:
        return None, {}
    request_body = spec.resolve(declared)
    if not inbound.body:
        if request_body.get("required", False):
            raise Invalid("request body is required")
        return None, {}
    content = request_body.get("content", {})
    if inbound.media_type not in content:
        accepted = ", ".join(content)
        got = inbound.media_type or "none"
        raise Invalid(f"Content-Type must be {accepted} (got {got})")
    schema_pointer = _body_schema_pointer(spec, op.pointer, inbound.media_type)
    if inbound.form is not None:
        schema = spec.resolve(spec.at(schema_pointer))
        value, uploads = _coerce_form(spec, inbound.form, schema)
    else:
        value, uploads = _parse_json(inbound.body), {}
    _check(spec, schema_pointer, value, "body", source="body")
    _raise_if(out_of_order(spec.reader, spec.at(schema_pointer), value), source="body")
    return value, uploads


def _raise_if(problem: str | None, *, source: str) -> None:
    if problem is not None:
        raise Invalid(problem, source=source)


def _parse_json(raw: bytes) -> JSON:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(f"body: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return parse_json(text, raw)
    except InvalidText as exc:
        raise Invalid(_truncate(str(exc))) from None
    except RecursionError:
        raise Invalid("body: JSON nested too deeply") from None
    except ValueError as exc:
        raise Invalid(_truncate(f"body: malformed JSON ({exc})")) from None


def _coerce_form(
    spec: Spec, form: Mapping[str, list[FormValue]], schema: Mapping[str, JSON]
) -> tuple[dict[str, JSON], dict[str, Upload]]:
    properties = _properties(spec, schema)
    values: dict[str, JSON] = {}
    uploads: dict[str, Upload] = {}
    for name, given in form.items():
        if name not in properties:
            continue  # unknown form fields are ignored, as the vendor does
        prop = spec.resolve(properties[name])
        files = [item for item in given if isinstance(item, Upload)]
        if files:
            if prop.get("format") != "binary" or len(given) > 1:
                raise Invalid(f"{name}: expected a single text value, got a file")
            uploads[name] = files[0]
            values[name] = files[0].filename
            continue
        texts = [item for item in given if isinstance(item, str)]
        values[name] = _single_or_list(spec, name, texts, prop)
    return values, uploads


def _properties(spec: Spec, schema: Mapping[str, JSON]) -> dict[str, JSON]:
    """A schema's properties, with those of its ``allOf`` parts (a form schema may be another
    one's twin: ``allOf: [{$ref: ...}]``)."""
    found: dict[str, JSON] = {}
    for part in schema.get("allOf", []):
        found.update(_properties(spec, spec.resolve(part)))
    found.update(schema.get("properties", {}))
    return found


def _single_or_list(spec: Spec, name: str, texts: list[str], schema: Mapping[str, JSON]) -> JSON:
    if "array" in _types(schema):
        items = spec.resolve(schema.get("items", {}))
        return [coerce(text, items) for text in texts]
    if len(texts) > 1:
        raise Invalid(f"{name}: given {len(texts)} times, expected once")
    return coerce(texts[0], schema)


def coerce(text: str, schema: Mapping[str, JSON]) -> JSON:
    """The typed value a string stands for under ``schema``; the string itself if none fits."""
    types = _types(schema)
    if "string" in types or not types:
        return text
    if ("integer" in types or "number" in types) and _INTEGER.fullmatch(text.strip()):
        return int(text)
    number = _finite_float(text) if ("number" in types or "integer" in types) else None
    if number is not None:
        return int(number) if "number" not in types and number.is_integer() else number
    if "boolean" in types and text.lower() in ("true", "false", "1", "0"):
        return text.lower() in ("true", "1")
    if "null" in types and text in ("", "null"):
        return None
    return text


def _finite_float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _types(schema: Mapping[str, JSON]) -> tuple[str, ...]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(str(t) for t in declared)
    return ()


def _check(spec: Spec, schema_pointer: str, value: JSON, root: str, *, source: str) -> None:
    with contextlib.suppress(ValueError, RecursionError):
        if spec.quick_validator(schema_pointer).is_valid(value):
            return
    try:
        error = best_match(spec.validator(schema_pointer).iter_errors(value))
    except RecursionError:
        raise Invalid(f"{root}: nested too deeply", source=source) from None
    if error is not None:
        message = _truncate(describe(error, root))
        raise Invalid(message, source=source, missing=_missing(error))


def _missing(error: ValidationError) -> tuple[str, ...]:
    """The absent required fields, as alternatives: ``("prompt", "lyrics, music_style")``.

    An ``anyOf``/``oneOf`` whose every branch fails only for absent fields counts too.
    """
    if error.validator == "required" and isinstance(error.instance, dict):
        absent = [str(name) for name in error.validator_value if name not in error.instance]
        return (", ".join(absent),) if absent else ()
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[int, list[str]] = {}
        for sub in error.context:
            if sub.validator != "required" or sub.absolute_path != error.absolute_path:
                return ()
            branches.setdefault(sub.relative_schema_path[0], []).extend(_missing(sub))
        # Each field named once: a branch's names, and each branch, only the first time.
        alternatives = (", ".join(dict.fromkeys(names)) for names in branches.values() if names)
        return tuple(dict.fromkeys(alternatives))
    return ()


def describe(error: ValidationError, root: str) -> str:
    """``where: what`` for a schema violation, e.g. ``limit: 500 is greater than ...``."""
    path = [str(part) for part in error.absolute_path]
    where = ".".join(path) if path else root
    if error.validator == "dependentRequired" and isinstance(error.instance, dict):
        for prop, needs in _dependencies(error.validator_value):
            absent = [need for need in needs if need not in error.instance]
            if prop in error.instance and absent:
                prefix = f"{where}: " if path else ""
                return f"{prefix}{prop} requires {', '.join(absent)}"
    alternatives = _missing(error)
    if error.validator in ("anyOf", "oneOf") and alternatives:
        return f"{where}: missing {' or '.join(alternatives)}"
    if error.validator == "pattern" and len(str(error.validator_value)) > MAX_PATTERN_CHARS:
        return f"{where}: {_truncate(repr(error.instance))} is not in the documented format"
    return f"{where}: {error.message}"


def _dependencies(value: Any) -> list[tuple[str, list[str]]]:
    return (
        [(str(k), [str(n) for n in v]) for k, v in value.items()] if isinstance(value, dict) else []
    )


def _truncate(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 3] + "..."
