"""Which spec operation a request belongs to: the call that built it says so.

Each facade call stamps its request's `extensions` with the operationId (`OPERATION`); the
retry engine looks the operation's facts up by that name. A request that carries no name (sent
through the client's transport by other code) is judged by its HTTP method alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["OPERATION", "Operation", "OperationTable"]

OPERATION = "backbeat.operation"
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
        self._operations = {name: _operation(name, facts) for name, facts in operations.items()}

    def match(self, request: httpx.Request) -> Operation:
        operation = self._operations.get(request.extensions.get(OPERATION, ""))
        if operation is not None:
            return operation
        path = request.url.path
        relative = path[len(self._prefix) :] if path.startswith(self._prefix) else path
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
