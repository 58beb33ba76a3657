"""What the sandbox answers: a ``Reply``, and replies built from the spec alone.

``forced_reply`` serves ``Prefer: code=N`` / ``example=NAME`` from the documented examples and
header schemas; ``complete_headers`` makes any reply's headers valid for its documented status.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .encoding import encode_json
from .spec import JSON, Operation, Spec, pointer_to
from .validation import Invalid, coerce

JSON_MEDIA = "application/json"


@dataclass(frozen=True)
class Reply:
    status: int
    body: JSON = None
    headers: Mapping[str, str] = field(default_factory=dict)
    media_type: str = JSON_MEDIA

    def content(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return encode_json(self.body)

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """The headers as ASGI sends them, ``Content-Type`` first (when there is a body type)."""
        raw = [(b"content-type", self.media_type.encode("latin-1"))] if self.media_type else []
        raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()]
        return raw

    def with_headers(self, headers: Mapping[str, str]) -> Reply:
        return Reply(self.status, self.body, {**self.headers, **headers}, self.media_type)

    @property
    def succeeded(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class Preference:
    """The ``Prefer`` header's ``code`` and ``example`` (Prism's convention)."""

    code: int | None
    example: str | None


def parse_prefer(values: list[str]) -> Preference | None:
    """The forcing preferences in ``Prefer`` headers; ``None`` when nothing is forced."""
    found: dict[str, str] = {}
    for value in values:
        for preference in value.split(","):
            token, _, argument = preference.split(";", 1)[0].partition("=")
            found.setdefault(token.strip().lower(), argument.strip().strip('"'))
    code, example = found.get("code"), found.get("example")
    if code is not None and not (code.isdigit() and len(code) == 3):
        raise Invalid(f"Prefer: code={code[:20]!r} is not an HTTP status code")
    if code is None and example is None:
        return None
    return Preference(code=int(code) if code is not None else None, example=example or None)


def forced_reply(spec: Spec, op: Operation, preference: Preference) -> Reply:
    status, media_type, media = _forced_media(spec, op, preference)
    if media is None:
        return Reply(status, None, media_type="")
    body = _example_body(spec, media, preference.example)
    if media_type != JSON_MEDIA and not isinstance(body, bytes):
        body = body.encode() if isinstance(body, str) else b""
    return Reply(status, body, media_type=media_type)


def _forced_media(
    spec: Spec, op: Operation, preference: Preference
) -> tuple[int, str, dict[str, JSON] | None]:
    documented = op.documented_statuses()
    if preference.code is not None:
        if preference.code not in documented:
            listed = ", ".join(map(str, documented))
            raise Invalid(
                f"Prefer: code={preference.code} is not documented for {op.operation_id} "
                f"(documented: {listed})"
            )
        candidates: tuple[int, ...] = (preference.code,)
    else:
        candidates = documented
    for status in candidates:
        response = spec.resolve(op.node["responses"][str(status)])
        content = response.get("content", {})
        if not content:
            if preference.example is None:
                return status, "", None
            continue
        media_type, media = next(iter(content.items()))
        if preference.example is None or preference.example in media.get("examples", {}):
            return status, media_type, media
    where = f" status {preference.code}" if preference.code is not None else ""
    raise Invalid(
        f"Prefer: example={preference.example!r} is not documented for {op.operation_id}{where}"
    )


def _example_body(spec: Spec, media: Mapping[str, JSON], name: str | None) -> JSON:
    examples = media.get("examples", {})
    if examples:
        chosen = examples[name] if name is not None else next(iter(examples.values()))
        return spec.resolve(chosen).get("value")
    if "example" in media:
        return media["example"]
    return sample(spec, media.get("schema", {}))


def sample(spec: Spec, schema: JSON) -> JSON:
    """A value valid for a simple schema: its const/example/default/enum, else the minimal one."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict):
        return None
    for keyword in ("const", "example", "default"):
        if keyword in schema:
            return schema[keyword]
    for keyword in ("examples", "enum", "anyOf", "oneOf", "allOf"):
        if schema.get(keyword):
            first = schema[keyword][0]
            return sample(spec, first) if keyword.endswith("Of") else first
    return _minimal(spec, schema)


def _minimal(spec: Spec, schema: Mapping[str, JSON]) -> JSON:
    declared = schema.get("type", "object")
    kind = declared[0] if isinstance(declared, list) else declared
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: sample(spec, properties.get(name, {})) for name in schema.get("required", [])}
    if kind == "array":
        return [sample(spec, schema.get("items", {})) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 0), 0)
    if kind == "boolean":
        return False
    if kind == "string":
        return _minimal_string(schema)
    return None


def _minimal_string(schema: Mapping[str, JSON]) -> str:
    by_format = {
        "date-time": "2026-01-01T00:00:00Z",
        "uri": "https://example.com/",
        "uuid": "00000000-0000-0000-0000-000000000000",
        "binary": "",
    }
    text = by_format.get(schema.get("format", ""), "")
    return text or "x" * max(schema.get("minLength", 0), 1 if "format" not in schema else 0)


@dataclass(frozen=True)
class HeaderRule:
    """A documented response header: what makes a value valid and what stands in for one."""

    name: str
    required: bool
    particular: bool
    """Documented for this status but not on the success response (``Retry-After`` on 429)."""
    schema: Mapping[str, JSON] = field(repr=False)
    validator: Any = field(repr=False)
    fallback: str = ""

    def accepts(self, text: str) -> bool:
        return bool(self.validator.is_valid(coerce(text, self.schema)))


def complete_headers(spec: Spec, op: Operation, reply: Reply, *, forced: bool = False) -> Reply:
    """Fill in or correct documented headers so the reply is valid for its status.

    A value is replaced only when missing (required) or invalid for its schema, e.g. a real
    ``X-RateLimit-Remaining`` on a 429 whose schema says ``const: 0``. A forced reply also gets
    the optional headers particular to its status (``Retry-After`` on a 429), from the spec.
    """
    present = {name.lower(): name for name in reply.headers}
    fixes: dict[str, str] = {}
    for rule in header_rules(spec, op, reply.status):
        given = present.get(rule.name.lower())
        if given is not None and rule.accepts(reply.headers[given]):
            continue
        if given is None and not (rule.required or (forced and rule.particular)):
            continue
        fixes[given or rule.name] = rule.fallback
    return reply.with_headers(fixes) if fixes else reply


@functools.cache
def _rules(spec: Spec, operation_pointer: str, status: int) -> tuple[HeaderRule, ...]:
    responses = spec.at(operation_pointer + "/responses")
    if str(status) not in responses:
        return ()
    success = next((code for code in sorted(responses) if code.startswith("2")), "200")
    usual = {name.lower() for name in spec.resolve(responses.get(success, {})).get("headers", {})}
    response_pointer = spec.follow(f"{operation_pointer}/responses/{status}")
    rules = []
    for name in spec.at(response_pointer).get("headers", {}):
        header_pointer = spec.follow(response_pointer + pointer_to("headers", name))
        header = spec.at(header_pointer)
        example = header["example"] if "example" in header else sample(spec, header.get("schema"))
        rules.append(
            HeaderRule(
                name=name,
                required=bool(header.get("required", False)),
                particular=name.lower() not in usual,
                schema=spec.resolve(header.get("schema", {})),
                validator=spec.quick_validator(header_pointer + "/schema"),
                fallback=_header_text(example),
            )
        )
    return tuple(rules)


def header_rules(spec: Spec, op: Operation, status: int) -> tuple[HeaderRule, ...]:
    return _rules(spec, op.pointer, status)


def _header_text(value: JSON) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
