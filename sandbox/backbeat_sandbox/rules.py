"""Request rules a JSON Schema cannot state, which the specs carry as vendor extensions.

- ``x-less-than: <sibling>`` on a property: when both are sent, the value must be strictly
  below the sibling property's (``hit_point_seconds`` below ``duration_seconds``).
- ``x-requires-one-of: [<name>, ...]`` on an operation: at least one of the named parameters or
  body fields must be present and non-empty (``getConversion``'s ``task_id`` or
  ``conversion_id``; an upload's ``audio_url`` or ``audio_file``).

Read from the loaded spec, so any spec carrying the extensions gets the rules enforced. Each
function returns what is wrong, or ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .spec import JSON, Operation, Spec


def missing_one_of(
    op: Operation, query: Mapping[str, JSON], headers: Mapping[str, str], body: JSON = None
) -> str | None:
    """The problem when none of the names ``x-requires-one-of`` lists is given (as a query
    parameter, a header or a field of an object body)."""
    names = [str(name) for name in op.node.get("x-requires-one-of", [])]
    fields: Mapping[str, JSON] = body if isinstance(body, dict) else {}
    given = (query.get(name, headers.get(name, fields.get(name))) for name in names)
    if names and all(value in (None, "") for value in given):
        return f"Invalid request parameters: give {' or '.join(names)}"
    return None


def out_of_order(spec: Spec, schema: JSON, value: JSON) -> str | None:
    """The problem when ``value`` breaks an ``x-less-than`` of ``schema`` (nested objects too)."""
    schema = spec.resolve(schema)
    if not isinstance(value, dict) or not isinstance(schema, dict):
        return None
    for name, declared in schema.get("properties", {}).items():
        if name not in value:
            continue
        prop = spec.resolve(declared)
        bound = prop.get("x-less-than")
        if bound is not None and not _below(value[name], value.get(bound)):
            return f"{name} must be less than {bound}"
        problem = out_of_order(spec, prop, value[name])
        if problem is not None:
            return problem
    return None


def _below(low: JSON, high: JSON) -> bool:
    """Only two numbers can break the rule; anything else is the schema's business."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high))
    return not numbers or bool(low < high)
