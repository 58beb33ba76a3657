"""OpenAPI links as prerequisites: the values a link's runtime expressions pick from a response,
as a request tweak for the linked operation."""

from __future__ import annotations

import json
from typing import Any

import requests

from backbeat_contract.spec import Node, Operation, Tweak

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
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return MISSING
    return node
