"""OpenAPI links as prerequisites: the values a link's runtime expressions pick from a response,
as a request tweak for the linked operation."""

from __future__ import annotations

import copy
import json
import re
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
import schemathesis

from backbeat_contract.spec import Node, Operation, Spec, Tweak

MISSING = object()


def tweak(target: Operation, link: Node, response: requests.Response) -> Tweak | str:
    """The tweak `link` makes to a request for `target`, given the linked `response`; a reason
    when an expression names nothing in it."""
    locations = {str(p.get("name")): str(p.get("in")) for p in target.parameters}
    found: dict[str, dict[str, Any]] = {}
    for name, expression in link.get("parameters", {}).items():
        where, _, bare = str(name).rpartition(".")
        where = where or locations.get(bare, "query")
        value = evaluate(expression, response)
        if value is MISSING:
            return f"{expression} names nothing in the response"
        section = {"header": "headers"}.get(where, where)
        found.setdefault(section, {})[bare] = value
    if "requestBody" in link:
        value = evaluate(link["requestBody"], response)
        if value is MISSING:
            return f"{link['requestBody']} names nothing in the response"
        if isinstance(value, dict):
            found["body"] = value
    return found


def evaluate(expression: Any, response: requests.Response) -> Any:
    """A runtime expression (`$response.body#/a/0/b`, `$response.header.X-Id`) or a constant;
    a dict is evaluated value by value."""
    if isinstance(expression, dict):
        return {k: evaluate(v, response) for k, v in expression.items()}
    if not isinstance(expression, str) or not expression.startswith("$response."):
        return expression
    if expression.startswith("$response.header."):
        return response.headers.get(expression.removeprefix("$response.header."), MISSING)
    if not expression.startswith("$response.body"):
        return MISSING
    try:
        node: Any = json.loads(response.content)
    except ValueError:
        return MISSING
    pointer = expression.removeprefix("$response.body").removeprefix("#")
    for token in [t for t in pointer.split("/") if t]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token == "*" and node:
            node = node[0]  # an inferred link's "any item": the first one listed
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return MISSING
    return node


def inferred(spec: Spec) -> list[tuple[Operation, Operation, Node]]:
    """Links schemathesis infers from the spec's shapes (a list or create answer's `id` feeding
    a `{id}` path parameter): (source, target, link) for every target with path parameters.
    Read from its dependency graph; the spec itself is left as it is."""
    if not any(op.path_parameters for op in spec.operations):
        return []
    try:
        schema = schemathesis.openapi.from_dict(copy.deepcopy(dict(spec.document)))
        graph = list(schema.analysis.dependency_graph.iter_links())
    except Exception:  # a shape schemathesis cannot analyse: no inferred links
        return []
    by_pointer = {op.pointer: op for op in spec.operations}
    found: list[tuple[Operation, Operation, Node]] = []
    for producer in graph:
        source = by_pointer.get(str(producer.producer_operation_ref))
        if source is None or str(producer.status_code) != str(source.success_status):
            continue
        for definition in producer.links.values():
            link = definition.to_openapi()
            target = by_pointer.get(str(link.get("operationRef", "")))
            if target is not None and target.path_parameters and link.get("parameters"):
                found.append((source, target, {"parameters": link["parameters"]}))
    return found


def from_location(target: Operation, response: requests.Response) -> Tweak | None:
    """The path parameters a `Location` header names for `target` (a create answer pointing at
    the new resource: `Location: /photos/12` for `/photos/{photo_id}`), else None."""
    location = response.headers.get("Location")
    if not location or not target.path_parameters:
        return None
    path = urlsplit(location).path.rstrip("/")
    pattern = re.sub(r"\\\{([^}/]+)\\\}", r"(?P<\1>[^/]+)", re.escape(target.path.rstrip("/")))
    found = re.search(pattern + "$", path)
    if found is None:
        return None
    return {"path": {name: unquote(value) for name, value in found.groupdict().items()}}
