"""Which spec operation a request belongs to, from its method and its path under the base URL."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["Operation", "OperationTable"]

# Methods HTTP itself calls idempotent: the fallback for a request the spec does not describe.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    path: str
    idempotent: bool


class OperationTable:
    """Built from a generated `operations.OPERATIONS` table and the client's base URL."""

    def __init__(self, operations: Mapping[str, Mapping[str, Any]], base_url: str) -> None:
        self._prefix = httpx.URL(base_url).path.rstrip("/")
        self._routes = [
            (
                str(facts["method"]).upper(),
                _path_pattern(str(facts["path"])),
                _operation(name, facts),
            )
            for name, facts in sorted(operations.items())
        ]

    def match(self, request: httpx.Request) -> Operation:
        path = request.url.path
        relative = path[len(self._prefix) :] if path.startswith(self._prefix) else path
        for method, pattern, operation in self._routes:
            if method == request.method and pattern.fullmatch(relative):
                return operation
        return Operation(
            name=f"{request.method} {relative}",
            method=request.method,
            path=relative,
            idempotent=request.method in IDEMPOTENT_METHODS,
        )


def _operation(name: str, facts: Mapping[str, Any]) -> Operation:
    return Operation(
        name=name,
        method=str(facts["method"]).upper(),
        path=str(facts["path"]),
        idempotent=bool(facts["idempotent"]),
    )


def _path_pattern(template: str) -> re.Pattern[str]:
    """`/items/{item_id}` matches `/items/` followed by one path segment."""
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile(
        "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    )
