"""A spec as it comes, made fit to read: what would break a reader half-way is found at load
and said in one line naming the JSON pointer; what can be made usable is.

A spec written by someone else may lack `operationId`s, carry a `$ref` that points nowhere or
outside the file, quote no status codes, or write `schema: null`. ``prepare`` (run by
``read_document`` on every document it reads) checks and normalises the parsed document in
place:

- the shapes every reader walks (``paths``, path items, operations, ``responses``,
  ``parameters``) are what OpenAPI says; unquoted status codes (YAML numbers) become strings;
- ``schema: null`` states nothing and is dropped;
- every ``$ref`` is local and resolves, and no chain of ``$ref``s loops (a recursive schema is
  fine);
- every operation has a unique ``operationId``: its own, else one derived from method and path;
- a link naming its target by ``operationRef`` gets the target's ``operationId`` too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["HTTP_METHODS", "MAX_REF_CHAIN", "derived_operation_id", "prepare"]

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
MAX_REF_CHAIN = 64
"""A chain of ``$ref``s that only point at other ``$ref``s is followed at most this far."""
STATUS_KEY = re.compile(r"^([1-5][0-9][0-9]|[1-5]XX|default)$")


def prepare(document: dict[str, Any]) -> None:
    """Check and normalise ``document`` in place (see the module doc); ``ValueError`` with one
    line naming the place when it cannot be read."""
    _check_structure(document)
    _drop_null_schemas(document)
    _check_refs(document)
    _name_operations(document)
    _name_link_targets(document)


def derived_operation_id(method: str, path: str) -> str:
    """A stable name for an operation the spec gave no ``operationId``: ``get_pets_petId`` for
    ``GET /pets/{petId}``, ``get_root`` for ``GET /``."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", path) if w]
    return "_".join([method.lower(), *words]) if words else f"{method.lower()}_root"


def _pointer(*tokens: object) -> str:
    return "#/" + "/".join(str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _check_structure(document: dict[str, Any]) -> None:
    paths = document.get("paths", {})
    if not isinstance(paths, Mapping):
        raise ValueError(f"{_pointer('paths')}: must be a mapping of paths, got {_kind(paths)}")
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            raise ValueError(f"{_pointer('paths', path)}: must be a path item, got {_kind(item)}")
        for method in (method for method in HTTP_METHODS if method in item):
            operation = item[method]
            where = ("paths", path, method)
            if not isinstance(operation, dict):
                raise ValueError(
                    f"{_pointer(*where)}: must be an operation, got {_kind(operation)}"
                )
            responses = operation.get("responses", {})
            if not isinstance(responses, dict):
                raise ValueError(f"{_pointer(*where, 'responses')}: must be a mapping")
            if any(not isinstance(code, str) for code in responses):
                operation["responses"] = {str(code): r for code, r in responses.items()}
            for code in operation.get("responses", ()):
                if not STATUS_KEY.match(code):
                    raise ValueError(
                        f"{_pointer(*where, 'responses', code)}: not a status code "
                        "(three digits, 1XX-5XX or default)"
                    )
            if not isinstance(operation.get("parameters", []), list):
                raise ValueError(f"{_pointer(*where, 'parameters')}: must be a list")


def _drop_null_schemas(document: dict[str, Any]) -> None:
    for _where, node in _walk(document):
        if isinstance(node, dict) and "schema" in node and node["schema"] is None:
            del node["schema"]


def _walk(node: Any) -> Iterator[tuple[tuple[object, ...], Any]]:
    """Every mapping and list in the document with its path, iteratively (deep specs)."""
    stack: list[tuple[tuple[object, ...], Any]] = [((), node)]
    while stack:
        where, current = stack.pop()
        yield where, current
        if isinstance(current, dict):
            stack += [((*where, k), v) for k, v in current.items() if isinstance(v, dict | list)]
        elif isinstance(current, list):
            stack += [((*where, i), v) for i, v in enumerate(current) if isinstance(v, dict | list)]


def _resolve(document: Any, ref: str) -> Any:
    """The node ``ref`` (a local ``#/...`` reference) names; KeyError when there is none."""
    node = document
    for raw in ref[1:].lstrip("/").split("/") if ref.strip("#/") else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise KeyError(token)
    return node


def _check_refs(document: dict[str, Any]) -> None:
    for where, node in _walk(document):
        if not isinstance(node, dict) or "$ref" not in node:
            continue
        ref = node["$ref"]
        here = _pointer(*where)
        if not isinstance(ref, str):
            raise ValueError(f"{here}: $ref must be a string, got {_kind(ref)}")
        if not ref.startswith("#"):
            raise ValueError(
                f"{here}: $ref {ref!r} points outside the file; bundle the spec into one file "
                "first (e.g. `redocly bundle`)"
            )
        seen = {here}
        target: Any = node
        for _ in range(MAX_REF_CHAIN):
            ref = target["$ref"]
            try:
                target = _resolve(document, ref)
            except KeyError as missing:
                raise ValueError(
                    f"{here}: $ref {node['$ref']!r} does not resolve (no {missing.args[0]!r})"
                ) from None
            if not (isinstance(target, dict) and isinstance(target.get("$ref"), str)):
                break
            if ref in seen:
                raise ValueError(f"{here}: $ref {node['$ref']!r} is a loop of $refs")
            seen.add(ref)


def _name_operations(document: dict[str, Any]) -> None:
    """A name already taken (a duplicate in the spec, or a derived name that collides) gets the
    method and path appended, so each operation keeps one stable, unique name."""
    taken: set[str] = set()
    unnamed: list[tuple[str, str, dict[str, Any]]] = []
    seen: set[int] = set()
    for path, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            if id(operation) in seen:  # a YAML alias: one object under two paths, two names
                operation = item[method] = dict(operation)
            seen.add(id(operation))
            given = operation.get("operationId")
            if isinstance(given, str) and given and given not in taken:
                taken.add(given)
            else:
                unnamed.append((method, path, operation))
    for method, path, operation in unnamed:
        given = operation.get("operationId")
        name = derived_operation_id(method, path)
        if isinstance(given, str) and given:
            name = f"{given}_{name}"
        unique, count = name, 2
        while unique in taken:
            unique, count = f"{name}_{count}", count + 1
        taken.add(unique)
        operation["operationId"] = unique


def _name_link_targets(document: dict[str, Any]) -> None:
    """So that every reader follows every link one way, by ``operationId``."""
    links: list[Any] = list(document.get("components", {}).get("links", {}).values())
    for item in document.get("paths", {}).values():
        for method in HTTP_METHODS:
            for response in (item.get(method) or {}).get("responses", {}).values():
                if isinstance(response, dict):
                    links += list(response.get("links", {}).values())
    for link in links:
        ref = link.get("operationRef") if isinstance(link, dict) else None
        if isinstance(ref, str) and ref.startswith("#") and "operationId" not in link:
            try:
                target = _resolve(document, ref)
            except KeyError:
                raise ValueError(f"link operationRef {ref!r} does not resolve") from None
            if isinstance(target, dict) and isinstance(target.get("operationId"), str):
                link["operationId"] = target["operationId"]
