"""Request rules the specs state as vendor extensions, because JSON Schema cannot express them.

- ``x-less-than: <sibling>`` on a body property: when both are sent, the value must be strictly
  below the sibling property's.
- ``x-requires-one-of: [<name>, ...]`` on an operation: at least one of the named parameters
  (or, for a name that is no parameter, body fields) must be present and non-empty.

A positive case that breaks one is valid for the schema but not for the API: the server's
correct 400 would be reported as "valid request rejected". `filter_case` keeps such cases from
being sent as positive; the suite registers it on its schema, the schemathesis CLI through
`backbeat_contract.hooks`. Negative cases are left alone, except in the stateful phase (see
`_sent_as_positive`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from schemathesis import GenerationMode
from schemathesis.generation.meta import TestPhase

from backbeat_contract.spec import Node, Spec

# Where a schemathesis case keeps the parameters of each OpenAPI location.
CASE_ATTRIBUTES = {"query": "query", "header": "headers", "path": "path_parameters",
                   "cookie": "cookies"}  # fmt: skip


@dataclass(frozen=True)
class Rules:
    """The extension rules of one operation."""

    spec: Spec = field(repr=False)
    # (case attribute, parameter name): at least one must be present and non-empty.
    one_of: tuple[tuple[str, str], ...] = ()
    # The request body's schema, whose properties may carry `x-less-than`.
    body_schema: Node = field(default_factory=dict, repr=False)

    def kept_by(self, case: Any) -> bool:
        return self._one_given(case) and _in_order(self.spec, self.body_schema, case.body)

    def _one_given(self, case: Any) -> bool:
        if not self.one_of:
            return True
        return any(
            _fields(getattr(case, attribute, None)).get(name) not in (None, "")
            for attribute, name in self.one_of
        )


def rules_for(spec: Spec, path: str, method: str) -> Rules:
    """The rules the operation at ``method path`` of ``spec`` states."""
    item = spec.resolve(spec.document["paths"][path])
    operation = spec.resolve(item[method.lower()])
    locations = _parameter_locations(spec, item, operation)
    # A name that is no parameter is a body field (an upload's `audio_url` or `audio_file`).
    elsewhere = "body" if "requestBody" in operation else "query"
    one_of = tuple(
        (CASE_ATTRIBUTES.get(locations.get(str(name), elsewhere), "body"), str(name))
        for name in operation.get("x-requires-one-of", [])
    )
    return Rules(spec, one_of, _body_schema(spec, operation))


def filter_case(context: Any, case: Any) -> bool:
    """schemathesis `filter_case` hook: a positive case must keep the spec's extension rules."""
    if not _sent_as_positive(case):
        return True
    schema = case.operation.schema
    spec = Spec(Path(str(schema.location or "")), schema.raw_schema)
    return rules_for(spec, case.operation.path, case.operation.method).kept_by(case)


def _sent_as_positive(case: Any) -> bool:
    """Whether the case may reach the server as positive. In the stateful phase a link fills in
    fields AFTER the hooks ran, which can turn a negative case (say, a bad `track_id`) into a
    positive one: there every case must keep the rules."""
    meta = case.meta
    if meta is None or meta.generation.mode is GenerationMode.POSITIVE:
        return True
    return bool(meta.phase.name is TestPhase.STATEFUL)


def _fields(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _parameter_locations(spec: Spec, item: Node, operation: Node) -> dict[str, str]:
    declared = [*item.get("parameters", []), *operation.get("parameters", [])]
    parameters = (spec.resolve(parameter) for parameter in declared)
    return {str(p["name"]): str(p.get("in", "query")) for p in parameters}


def _body_schema(spec: Spec, operation: Node) -> Node:
    content = spec.resolve(operation.get("requestBody", {})).get("content", {})
    return next((media.get("schema", {}) for media in content.values()), {})


def _in_order(spec: Spec, schema: Node, value: Any) -> bool:
    """Whether ``value`` keeps every ``x-less-than`` of ``schema``, nested objects included (the
    walk follows the value, so a recursive schema ends where the value does)."""
    if not isinstance(value, dict):
        return True
    declared = spec.resolve(schema).get("properties", {})
    fields = {name: spec.resolve(declared[name]) for name in value if name in declared}
    return all(
        _below(value[name], value.get(prop["x-less-than"]) if "x-less-than" in prop else None)
        and _in_order(spec, prop, value[name])
        for name, prop in fields.items()
    )


def _below(low: Any, high: Any) -> bool:
    return not (_is_number(low) and _is_number(high)) or low < high


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
