"""The pure pieces under the engine: routing to spec operations, Retry-After, policy bounds."""

from __future__ import annotations

import random

import httpx
import pytest
from backbeat import Trackyard
from backbeat._retry import RetryPolicy, parse_retry_after
from backbeat._routing import OperationTable

OPERATIONS = {
    "getItem": {"method": "GET", "path": "/items/{item_id}", "idempotent": True},
    "startJob": {"method": "POST", "path": "/v2/jobs", "idempotent": False},
    "putItem": {"method": "PUT", "path": "/items/{item_id}", "idempotent": False},
}


@pytest.mark.parametrize(
    ("method", "url", "name", "idempotent"),
    [
        ("GET", "https://h.test/api/items/abc", "getItem", True),
        ("PUT", "https://h.test/api/items/abc", "putItem", False),  # the spec overrides HTTP
        ("POST", "https://h.test/api/v2/jobs", "startJob", False),
        ("POST", "https://h.test/api/v2/jobs?x=1", "startJob", False),
        ("GET", "https://h.test/api/items/abc/more", "GET /items/abc/more", True),
        ("POST", "https://h.test/api/elsewhere", "POST /elsewhere", False),
        ("DELETE", "https://h.test/api/v2/jobs", "DELETE /v2/jobs", True),
    ],
)
def test_requests_map_to_spec_operations(
    method: str, url: str, name: str, idempotent: bool
) -> None:
    table = OperationTable(OPERATIONS, "https://h.test/api/")
    operation = table.match(httpx.Request(method, url))
    assert (operation.name, operation.idempotent) == (name, idempotent)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "12"}, 12.0),
        ({"retry-after": " 3 "}, 3.0),
        ({"retry-after": "Thu, 01 Jan 1970 00:01:40 GMT"}, 60.0),
        ({"retry-after": "Thu, 01 Jan 1970 00:01:40 -0000"}, 60.0),
        ({"retry-after": "Thu, 01 Jan 1970 00:00:10 GMT"}, 0.0),
        ({"retry-after": "tomorrow"}, None),
        ({"retry-after": "inf"}, None),
        ({"retry-after-ms": "750"}, 0.75),
        ({"retry-after-ms": "x", "retry-after": "2"}, 2.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(httpx.Headers(headers), now=40.0) == expected


def test_backoff_without_jitter_is_exact() -> None:
    policy = RetryPolicy(jitter=0.0)
    waits = [policy.backoff(n, random.Random(0)) for n in range(1, 8)]
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert policy.backoff(5000, random.Random(0)) == 8.0


@pytest.mark.parametrize("options", [{"max_retries": -1}, {"max_retry_after": -5}])
def test_nonsense_settings_are_refused(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be >= 0"):
        Trackyard("ty_x", **options)  # type: ignore[arg-type]
