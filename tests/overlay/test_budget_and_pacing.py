"""The shared retry budget (botocore standard mode) and opt-in pacing under the rate limit."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import respx
from backbeat import APITimeoutError, InternalServerError
from backbeat._budget import RetryBudget
from backbeat._pacing import Pacer
from backbeat._ratelimit import RateLimitInfo

from .conftest import FakeTime, Handle

ME_BODY = {"tier": "free", "credits_remaining": 5, "monthly_allowance": 0, "rate_limit": {}}


def test_budget_prices_and_refunds() -> None:
    budget = RetryBudget(capacity=20)
    assert budget.acquire(after_timeout=False) == 5
    assert budget.acquire(after_timeout=True) == 10
    assert budget.available == 5
    assert budget.acquire(after_timeout=True) is None  # cannot pay 10 with 5 left
    assert budget.available == 5
    budget.record_success(None)
    assert budget.available == 6
    budget.record_success(10)  # a retry that succeeded gets its price back
    assert budget.available == 16
    budget.record_success(10)
    assert budget.available == 20  # never above capacity


def test_default_budget_is_botocore_standard() -> None:
    budget = RetryBudget()
    assert (budget.capacity, budget.retry_cost, budget.timeout_retry_cost) == (500, 5, 10)
    assert budget.success_refund == 1


def test_spent_budget_fails_fast_and_is_shared_with_copies(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    route = mock_api.get("/me").respond(503)
    client = make_client(max_retries=2)
    for _ in range(50):  # 50 calls x 2 retries x 5 tokens = the whole bucket of 500
        with pytest.raises(InternalServerError):
            client.call("me")
    assert route.call_count == 150
    copy = Handle(client.client.with_options(max_retries=5), client.is_async)
    sleeps_before = len(fake_time.sleeps)
    with pytest.raises(InternalServerError):
        copy.call("me")
    with pytest.raises(InternalServerError):
        client.call("me")
    assert route.call_count == 152  # one attempt each, no retry
    assert len(fake_time.sleeps) == sleeps_before


def test_successes_refill_the_budget(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/me").respond(503)
    client = make_client(max_retries=1)
    for _ in range(100):  # 100 retries x 5 = 500: spent
        with pytest.raises(InternalServerError):
            client.call("me")
    route.respond(200, json=ME_BODY)
    for _ in range(5):  # five successes give back five tokens: one retry's worth
        client.call("me")
    route.mock(side_effect=[httpx.Response(503), httpx.Response(200, json=ME_BODY)])
    client.call("me")
    assert route.call_count == 100 * 2 + 5 + 2


def test_timeouts_cost_double(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/me").mock(side_effect=httpx.ReadTimeout("slow"))
    client = make_client(max_retries=2)
    for _ in range(25):  # 25 calls x 2 retries x 10 tokens = 500
        with pytest.raises(APITimeoutError):
            client.call("me")
    assert route.call_count == 75
    with pytest.raises(APITimeoutError):
        client.call("me")
    assert route.call_count == 76


def test_pacer_keeps_a_sliding_minute() -> None:
    pacer = Pacer()
    assert pacer.reserve(100.0) == 0.0  # nothing learned yet: no pacing
    pacer.observe(RateLimitInfo(limit=2), 100.5)
    assert pacer.reserve(101.0) == 0.0
    assert pacer.reserve(102.0) == pytest.approx(58.0)  # waits for the first slot to age out
    assert pacer.reserve(102.0) == pytest.approx(59.0)  # and the next for the second
    assert pacer.reserve(203.0) == pytest.approx(17.0)  # 160 and 161 are still in its minute
    assert pacer.reserve(300.0, not_before=3.0) == pytest.approx(3.0)


def test_pacer_respects_the_servers_remaining_count() -> None:
    pacer = Pacer()
    pacer.observe(RateLimitInfo(limit=100, remaining=0), 50.0)  # others used the key's quota
    assert pacer.reserve(51.0) == pytest.approx(59.0)
    pacer.observe(RateLimitInfo(limit=100, remaining=5), 200.0)
    assert pacer.reserve(201.0) == 0.0


def test_pacer_ignores_nonsense_headers() -> None:
    pacer = Pacer()
    pacer.observe(RateLimitInfo(limit=0, remaining=-1), 10.0)
    assert pacer.limit is None
    assert pacer.reserve(11.0) == 0.0


def test_pacing_avoids_the_429(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    start = fake_time.now
    mock_api.get("/me").mock(
        side_effect=[
            httpx.Response(200, json=ME_BODY, headers={"X-RateLimit-Limit": "2", **left})
            for left in ({"X-RateLimit-Remaining": "1"}, {"X-RateLimit-Remaining": "0"}, {})
        ]
    )
    client = make_client(pace=True)
    client.call("me")
    client.call("me")
    assert fake_time.sleeps == []
    client.call("me")  # the third in a minute waits for the window instead of meeting a 429
    assert fake_time.sleeps == [pytest.approx(60.0)]
    assert fake_time.now == pytest.approx(start + 60.0)


def test_without_pacing_nothing_waits(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    mock_api.get("/me").respond(
        200, json=ME_BODY, headers={"X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0"}
    )
    client = make_client()
    for _ in range(3):
        client.call("me")
    assert fake_time.sleeps == []
