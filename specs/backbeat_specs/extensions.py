"""Checking a spec's ``x-`` extensions: their names, places and shapes against
``extensions.schema.json`` (package data beside this module), then what the schema cannot say,
that every name an extension mentions exists (a category, a webhook, an operation, a sibling
property, a key role).

``make lint`` runs it on both specs (``python -m backbeat_specs check``); any spec may.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .spec import RESERVED_KEY_ROLES, Spec, pointer_to

if TYPE_CHECKING:
    from jsonschema import ValidationError

__all__ = ["SCHEMA_FILE", "check_extensions", "extension_schema"]

SCHEMA_FILE = "extensions.schema.json"


@cache
def extension_schema() -> Mapping[str, Any]:
    """The JSON Schema of backbeat's extension vocabulary (applies to a whole document)."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: Mapping[str, Any] = json.loads(text)
    return schema


def check_extensions(spec: Spec) -> list[str]:
    """What is wrong with the spec's extensions, one line each, the place named first (a JSON
    pointer into the document); empty when nothing is."""
    from jsonschema.exceptions import best_match

    from .validation import schema_validator

    validator = schema_validator(extension_schema())
    # best_match looks inside a oneOf (one provocation or a list) for the branch meant.
    errors = (best_match([error]) for error in validator.iter_errors(spec.document))
    problems = {_describe(spec, error) for error in errors if error is not None}
    if problems:
        return sorted(problems)  # references are checked once the shapes are right
    return sorted(_reference_problems(spec))


def _describe(spec: Spec, error: ValidationError) -> str:
    path = [str(part) for part in error.absolute_path]
    if error.schema is not False:
        return f"{pointer_to(*path) or '/'}: {error.message}"
    known = _known_here(error)
    # jsonschema may name the object holding the unknown key, or the key's value.
    holder = spec.at(pointer_to(*path))
    if isinstance(holder, Mapping) and any(_unknown(key, known) for key in holder):
        names = [str(key) for key in holder if _unknown(key, known)]
    else:
        path, names = path[:-1], path[-1:]
    allowed = ", ".join(known) if known else "none"
    lines = []
    for name in names:
        hint = difflib.get_close_matches(name, known, n=1)
        suffix = f" (did you mean {hint[0]}?)" if hint else ""
        lines.append(
            f"{pointer_to(*path) or '/'}: unknown extension {name}{suffix}; known here: {allowed}"
        )
    return "\n".join(lines)


def _unknown(key: Any, known: list[str]) -> bool:
    return isinstance(key, str) and key.startswith("x-") and key not in known


def _known_here(error: ValidationError) -> list[str]:
    """The extension names the schema object that refused one lists in its ``properties``.

    ``absolute_schema_path`` leaves out the ``$ref`` hops: follow a ``$ref`` wherever the next
    token is not a key of the node itself."""
    root = extension_schema()
    node: Any = root
    holder: Any = root
    for token in error.absolute_schema_path:
        while isinstance(node, Mapping) and token not in node and "$ref" in node:
            node = root["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]]
        if token == "patternProperties":
            holder = node
        node = node[token] if isinstance(node, Mapping) else node[int(token)]
    declared = holder.get("properties", {}) if isinstance(holder, Mapping) else {}
    return [name for name in declared if name.startswith("x-")]


def _reference_problems(spec: Spec) -> Iterator[str]:
    operation_ids = {op.operation_id for op in spec.operations}
    webhooks = {webhook.path for webhook in spec.webhooks}
    categories = spec.rate_limit_categories
    roles = spec.key_roles
    plans = {plan for category in categories.values() for plan in category.limits}
    for role in roles.values():
        if role.plan is not None and role.plan not in plans:
            place = pointer_to("x-key-roles", role.name, "plan")
            yield f"{place}: {role.plan!r} is no plan of x-rate-limit-categories"
    for op in spec.operations:
        where = op.pointer
        if op.rate_limit_category is not None and op.rate_limit_category not in categories:
            yield (
                f"{where}/x-rate-limit-category: {op.rate_limit_category!r} is no "
                "x-rate-limit-categories entry"
            )
        if op.webhook is not None and op.webhook not in webhooks:
            yield f"{where}/x-webhook: {op.webhook!r} is no `webhooks` entry"
        if op.replaced_by is not None and op.replaced_by not in operation_ids:
            yield f"{where}/x-replaced-by: {op.replaced_by!r} is no operationId"
        yield from _one_of_problems(spec, op)
        for status in op.statuses:
            for provocation in op.provocations(status) or ():
                key = provocation.key
                if key is not None and key not in RESERVED_KEY_ROLES and key not in roles:
                    yield f"{where}: x-provoke {status} names key {key!r}, no role of x-key-roles"
    yield from _less_than_problems(spec)


def _one_of_problems(spec: Spec, op: Any) -> Iterator[str]:
    names = set(op.requires_one_of)
    if not names:
        return
    given = {parameter.name for parameter in op.parameters}
    body = op.request_body
    for media in body.content.values() if body else ():
        given |= set(spec.properties(media.schema or {}))
    for name in sorted(names - given):
        yield f"{op.pointer}/x-requires-one-of: {name!r} is no parameter or body field"


def _less_than_problems(spec: Spec) -> Iterator[str]:
    """Every ``x-less-than`` names a sibling property of the same schema."""
    stack: list[tuple[Any, str]] = [(spec.document, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, list):
            stack.extend((item, f"{where}/{index}") for index, item in enumerate(node))
            continue
        if not isinstance(node, Mapping):
            continue
        properties = node.get("properties")
        if isinstance(properties, Mapping):
            for name, prop in properties.items():
                bound = prop.get("x-less-than") if isinstance(prop, Mapping) else None
                if bound is not None and bound not in properties:
                    place = f"{where}{pointer_to('properties', name, 'x-less-than')}"
                    yield f"{place}: {bound!r} is no sibling property"
        stack.extend(
            (child, f"{where}{pointer_to(str(key))}")
            for key, child in node.items()
            if key not in ("example", "examples", "default", "const", "enum")
        )
