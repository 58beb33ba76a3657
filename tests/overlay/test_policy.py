"""The pure pieces under the engine: routing to spec operations, Retry-After, policy bounds."""

from __future__ import annotations

import random

import httpx
import pytest
from backbeat import Trackyard
from backbeat._retry import RetryPolicy, parse_retry_after
from backbeat._routing import OPERATION, OperationTable

OPERATIONS = {
    "getItem": {"method": "GET", "path": "/items/{item_id}", "idempotent": True},
    "startJob": {"method": "POST", "path": "/v2/jobs", "idempotent": False},
    "putItem": {"method": "PUT", "path": "/items/{item_id}", "idempotent": False},
}


def test_a_request_named_by_its_call_gets_its_operations_facts() -> None:
    """The spec's idempotency wins over HTTP's, whatever the URL looks like."""
    table = OperationTable(OPERATIONS, "https://h.test/api/")
    for name, facts in OPERATIONS.items():
        request = httpx.Request(
            str(facts["method"]), "https://h.test/api/anything?x=1", extensions={OPERATION: name}
        )
        operation = table.match(request)
        assert (operation.name, operation.idempotent) == (name, facts["idempotent"])


@pytest.mark.parametrize("method", ["GET", "PUT", "POST", "DELETE", "PATCH"])
def test_a_request_no_call_names_is_judged_by_its_http_method(method: str) -> None:
    table = OperationTable(OPERATIONS, "https://h.test/api/")
    operation = table.match(httpx.Request(method, "https://h.test/api/items/abc"))
    assert operation.name == f"{method} /items/abc"
    assert operation.idempotent == (method in ("GET", "PUT", "DELETE"))


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
