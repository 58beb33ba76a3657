"""Reading a spec as it comes: the one way the suite turns a file into an OpenAPI document.

A spec written by someone else may lack `operationId`s, carry a `$ref` that points nowhere,
quote no status codes, be Swagger 2.0, or weigh megabytes. Everything that would otherwise break
a run half-way (a `KeyError` deep in a test, a failure mid-run) is found here, before anything
is sent, and said in one line that names the JSON pointer. What can be made usable is: an
operation without an id gets a stable one from its method and path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# A chain of `$ref`s that only point at other `$ref`s is followed at most this far.
MAX_REF_CHAIN = 64
STATUS_KEY = re.compile(r"^([1-5][0-9][0-9]|[1-5]XX|default)$")
# PyYAML's C parser when it was built with libyaml (4-10x faster on a large spec), same rules.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpecError(ValueError):
    """The spec cannot drive a run (unreadable, not OpenAPI 3.x, a `$ref` to nowhere, ...)."""


def read(path: Path) -> dict[str, Any]:
    """The OpenAPI 3.0/3.1 document in `path`, checked and named (see the module doc).
    Raises `SpecError` with one line that says what is wrong and where."""
    document = _parse(path)
    version = str(document.get("openapi", ""))
    if "swagger" in document:
        raise SpecError(
            f"{path} is Swagger {document['swagger']}, not OpenAPI 3.x: convert it first "
            "(for instance `npx swagger2openapi` or Swagger Editor's converter)"
        )
    if not version.startswith(("3.0", "3.1")):
        raise SpecError(f"{path} is not an OpenAPI 3.0 or 3.1 document (no `openapi: 3.x`)")
    _check_structure(document)
    _drop_null_schemas(document)
    _check_refs(document)
    name_operations(document)
    _name_link_targets(document)
    return document


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"cannot read the spec {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SpecError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    document: Any
    try:
        # JSON first when it looks like JSON: a large JSON spec parses ~30x faster this way.
        document = json.loads(text) if text.lstrip().startswith("{") else None
    except ValueError:
        document = None
    if document is None:
        try:
            document = yaml.load(text, Loader=_YAML_LOADER)  # a safe loader (C or Python)
        except yaml.YAMLError as exc:
            raise SpecError(f"{path} is not YAML or JSON: {str(exc).splitlines()[0]}") from None
    if not isinstance(document, dict):
        raise SpecError(f"{path} is not an OpenAPI document (not a mapping at the top)")
    return document


def pointer(*tokens: object) -> str:
    return "#/" + "/".join(str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def _check_structure(document: dict[str, Any]) -> None:
    """What the suite walks must have the shape OpenAPI gives it. YAML reads an unquoted
    `200:` as a number: status keys are made strings, as OpenAPI writes them."""
    paths = document.get("paths", {})
    if not isinstance(paths, Mapping):
        raise SpecError(f"{pointer('paths')}: must be a mapping of paths, got {_kind(paths)}")
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            raise SpecError(f"{pointer('paths', path)}: must be a path item, got {_kind(item)}")
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            where = ("paths", path, method)
            if not isinstance(operation, dict):
                raise SpecError(f"{pointer(*where)}: must be an operation, got {_kind(operation)}")
            responses = operation.get("responses", {})
            if not isinstance(responses, dict):
                raise SpecError(f"{pointer(*where, 'responses')}: must be a mapping")
            if any(not isinstance(code, str) for code in responses):
                operation["responses"] = {str(code): r for code, r in responses.items()}
            for code in operation.get("responses", ()):
                if not STATUS_KEY.match(code):
                    raise SpecError(
                        f"{pointer(*where, 'responses', code)}: not a status code "
                        "(three digits, 1XX-5XX or default)"
                    )
            for key in ("parameters",):
                if not isinstance(operation.get(key, []), list):
                    raise SpecError(f"{pointer(*where, key)}: must be a list")


def _drop_null_schemas(document: dict[str, Any]) -> None:
    """`schema: null` (seen in real specs) states nothing: read it as no schema at all."""
    for _where, node in _walk(document):
        if isinstance(node, dict) and "schema" in node and node["schema"] is None:
            del node["schema"]


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _walk(node: Any, tokens: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], Any]]:
    """Every mapping and list in the document with its path, iteratively (deep specs)."""
    stack: list[tuple[tuple[object, ...], Any]] = [(tokens, node)]
    while stack:
        where, current = stack.pop()
        yield where, current
        if isinstance(current, dict):
            stack += [((*where, k), v) for k, v in current.items() if isinstance(v, dict | list)]
        elif isinstance(current, list):
            stack += [((*where, i), v) for i, v in enumerate(current) if isinstance(v, dict | list)]


def _resolve(document: Any, ref: str) -> Any:
    """The node `ref` (a local `#/...` reference) names; KeyError when there is none."""
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
    """Every `$ref` resolves inside the document, and no chain of `$ref`s loops on itself.
    (Recursive schemas, a property that refers back to its schema, are fine: only a `$ref`
    whose target is itself only a `$ref` back is a loop.)"""
    for where, node in _walk(document):
        if not isinstance(node, dict) or "$ref" not in node:
            continue
        ref = node["$ref"]
        here = pointer(*where)
        if not isinstance(ref, str):
            raise SpecError(f"{here}: $ref must be a string, got {_kind(ref)}")
        if not ref.startswith("#"):
            raise SpecError(
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
                raise SpecError(
                    f"{here}: $ref {node['$ref']!r} does not resolve (no {missing.args[0]!r})"
                ) from None
            if not (isinstance(target, dict) and isinstance(target.get("$ref"), str)):
                break
            if ref in seen:
                raise SpecError(f"{here}: $ref {node['$ref']!r} is a loop of $refs")
            seen.add(ref)


def derived_operation_id(method: str, path: str) -> str:
    """A stable name for an operation the spec gave no `operationId`: `get_pets_petId` for
    `GET /pets/{petId}`, `get_root` for `GET /`."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", path) if w]
    return "_".join([method.lower(), *words]) if words else f"{method.lower()}_root"


def name_operations(document: dict[str, Any]) -> None:
    """Give every operation an `operationId`: its own, else one derived from method and path.
    A name already taken (a duplicate in the spec, or a derived name that collides) gets the
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
    """A link may name its target by `operationRef` (a pointer) instead of `operationId`: give
    it the target's id too, so the rest of the suite follows every link one way."""
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
                raise SpecError(f"link operationRef {ref!r} does not resolve") from None
            if isinstance(target, dict) and isinstance(target.get("operationId"), str):
                link["operationId"] = target["operationId"]
