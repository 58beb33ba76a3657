"""The request rules the specs state as extensions, because JSON Schema cannot: judged here
once, for the server that enforces them and the suite that must not send a request breaking them
as a valid one.

- ``x-less-than: <sibling>`` on a property: when both are sent, the value must be strictly below
  the sibling's (``hit_point_seconds`` below ``duration_seconds``).
- ``x-requires-one-of: [<name>, ...]`` on an operation: at least one of the named parameters or
  body fields must be present and non-empty.

Each function answers what is wrong, or None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .spec import Operation, Spec

__all__ = ["missing_one_of", "out_of_order"]


def missing_one_of(operation: Operation, *given: Mapping[str, Any] | Any) -> str | None:
    """The problem when none of the names the operation's ``x-requires-one-of`` lists has a
    non-empty value in any of ``given`` (query parameters, headers, an object body...; a value
    that is not a mapping, such as a body that is no object, gives nothing)."""
    names = operation.requires_one_of
    sources = [source for source in given if isinstance(source, Mapping)]
    present = any(source.get(name) not in (None, "") for name in names for source in sources)
    if names and not present:
        return f"Invalid request parameters: give {' or '.join(names)}"
    return None


def out_of_order(spec: Spec, schema: Any, value: Any) -> str | None:
    """The problem when ``value`` breaks an ``x-less-than`` of ``schema``, nested objects
    included (the walk follows the value, so a recursive schema ends where the value does)."""
    schema = spec.resolve(schema)
    if not isinstance(value, Mapping) or not isinstance(schema, Mapping):
        return None
    declared = schema.get("properties", {})
    for name in (name for name in declared if name in value):
        prop = spec.resolve(declared[name])
        bound = spec.less_than(prop)
        if bound is not None and not _below(value[name], value.get(bound)):
            return f"{name} must be less than {bound}"
        problem = out_of_order(spec, prop, value[name])
        if problem is not None:
            return problem
    return None


def _below(low: Any, high: Any) -> bool:
    """Only two numbers can break the rule; anything else is the schema's business."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high))
    return not numbers or bool(low < high)
