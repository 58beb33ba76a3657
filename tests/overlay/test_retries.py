"""Retry rules through the real client: counts, waits, Retry-After, idempotency, logging."""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Callable

import httpx
import pytest
import respx
from backbeat import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)

from .conftest import API_KEY, FakeTime, Handle

ME_BODY = {"tier": "free", "credits_remaining": 5, "monthly_allowance": 0, "rate_limit": {}}
RETRIED = [408, 429, 500, 502, 503, 504]
NOT_RETRIED = [400, 401, 402, 403, 404, 409, 422]


def jitter_window(retry_number: int) -> tuple[float, float]:
    base = min(0.5 * 2 ** (retry_number - 1), 8.0)
    return base * 0.75, base


def test_retryable_status_is_retried_then_succeeds(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    """Each status of the retried set, with backoff inside the jitter window."""
    for status in RETRIED:
        fake_time.sleeps.clear()
        route = mock_api.get("/me").mock(
            side_effect=[
                httpx.Response(status),
                httpx.Response(status),
                httpx.Response(200, json=ME_BODY),
            ]
        )
        route.reset()
        me = make_client().call("me")
        assert me.tier == "free"
        assert route.call_count == 3, status
        assert len(fake_time.sleeps) == 2, status
        for number, wait in enumerate(fake_time.sleeps, start=1):
            low, high = jitter_window(number)
            assert low <= wait <= high, status


def test_retryable_status_gives_up_after_max_retries(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    for status in RETRIED:
        fake_time.sleeps.clear()
        route = mock_api.get("/me").respond(status, json={"error": "x", "message": "still failing"})
        route.reset()
        with pytest.raises(APIStatusError) as caught:
            make_client(max_retries=3).call("me")
        assert caught.value.status_code == status
        assert caught.value.message == "still failing"
        assert route.call_count == 4, status
        assert len(fake_time.sleeps) == 3, status


def test_client_errors_are_never_retried(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    for status in NOT_RETRIED:
        route = mock_api.post("/search").respond(status, json={"error": "x", "message": "y"})
        route.reset()
        with pytest.raises(APIStatusError):
            make_client(max_retries=5).call("search", "piano")
        assert route.call_count == 1, status
    assert fake_time.sleeps == []


def test_backoff_doubles_to_the_cap(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    mock_api.get("/me").respond(503)
    with pytest.raises(InternalServerError):
        make_client(max_retries=7).call("me")
    assert len(fake_time.sleeps) == 7
    for number, wait in enumerate(fake_time.sleeps, start=1):
        low, high = jitter_window(number)
        assert low <= wait <= high, (number, wait)
    assert max(fake_time.sleeps) <= 8.0
    assert len(set(fake_time.sleeps)) == 7  # jittered, not a fixed sequence


def test_max_retries_zero_means_one_attempt(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    route = mock_api.get("/me").respond(503)
    with pytest.raises(InternalServerError):
        make_client(max_retries=0).call("me")
    assert route.call_count == 1
    assert fake_time.sleeps == []


@pytest.mark.parametrize(
    ("headers", "expected_wait"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "2.5"}, 2.5),
        ({"Retry-After": "0"}, None),  # zero: retry at once, no sleep
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),  # the precise one wins
        ({"Retry-After": "soon"}, "backoff"),
        ({"Retry-After": "-3"}, "backoff"),
        ({"Retry-After": "nan"}, "backoff"),
    ],
)
def test_retry_after_is_honoured(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    fake_time: FakeTime,
    headers: dict[str, str],
    expected_wait: float | str | None,
) -> None:
    route = mock_api.get("/me").mock(
        side_effect=[httpx.Response(429, headers=headers), httpx.Response(200, json=ME_BODY)]
    )
    make_client().call("me")
    assert route.call_count == 2
    if expected_wait is None:
        assert fake_time.sleeps == []
    elif expected_wait == "backoff":
        assert 0.375 <= fake_time.sleeps[0] <= 0.5
    else:
        assert fake_time.sleeps == [expected_wait]


def test_retry_after_http_date(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    date = email.utils.formatdate(fake_time.now + 30, usegmt=True)
    past = email.utils.formatdate(fake_time.now - 30, usegmt=True)
    mock_api.get("/me").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": date}),
            httpx.Response(503, headers={"Retry-After": past}),
            httpx.Response(200, json=ME_BODY),
        ]
    )
    make_client().call("me")
    assert fake_time.sleeps == [30.0]  # the date in the past means "now": no sleep


@pytest.mark.parametrize(
    "headers", [{"Retry-After": "61"}, {"retry-after-ms": "60001"}, {"Retry-After": "3600"}]
)
def test_retry_after_beyond_the_maximum_raises_at_once(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    fake_time: FakeTime,
    headers: dict[str, str],
) -> None:
    route = mock_api.get("/me").respond(429, headers=headers, json={"error": "Too Many Requests"})
    with pytest.raises(RateLimitError) as caught:
        make_client(max_retries=5).call("me")
    assert route.call_count == 1
    assert fake_time.sleeps == []
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 60


def test_max_retry_after_is_configurable(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    mock_api.get("/me").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "90"}),
            httpx.Response(200, json=ME_BODY),
        ]
    )
    make_client(max_retry_after=120).call("me")
    assert fake_time.sleeps == [90.0]


def test_rate_limit_error_carries_retry_after(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.get("/me").respond(429, headers={"Retry-After": "42"})
    with pytest.raises(RateLimitError) as caught:
        make_client(max_retries=0).call("me")
    assert caught.value.retry_after == 42.0
    mock_api.get("/usage").respond(429)
    with pytest.raises(RateLimitError) as without:
        make_client(max_retries=0).call("usage")
    assert without.value.retry_after is None


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow connect"),
        httpx.ReadTimeout("slow read"),
        httpx.WriteTimeout("slow write"),
        httpx.PoolTimeout("pool"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("peer closed"),
    ],
)
def test_transport_failures_are_retried(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    fake_time: FakeTime,
    error: httpx.TransportError,
) -> None:
    route = mock_api.post("/search").mock(
        side_effect=[error, httpx.Response(200, json={"tracks": [], "credits_remaining": 1})]
    )
    assert make_client().call("search", "piano").credits_remaining == 1
    assert route.call_count == 2
    assert len(fake_time.sleeps) == 1


def test_connection_failure_surfaces_as_api_connection_error(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], fake_time: FakeTime
) -> None:
    route = mock_api.get("/me").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as caught:
        make_client().call("me")
    assert type(caught.value) is APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    # The operation and the server it could not reach (the default port of the scheme).
    assert caught.value.message == (
        "getMe: connection to trackyard.test:443 failed (ConnectError: refused)"
    )
    assert route.call_count == 3


def test_timeout_surfaces_as_api_timeout_error(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/me").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError) as caught:
        make_client(max_retries=1).call("me")
    assert caught.value.message == "getMe: trackyard.test:443 timed out (ReadTimeout: slow)"
    assert route.call_count == 2


def test_retry_is_logged_without_the_key(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    caplog: pytest.LogCaptureFixture,
) -> None:
    mock_api.post("/search").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("refused"),
            httpx.Response(200, json={"tracks": [], "credits_remaining": 1}),
        ]
    )
    caplog.set_level(logging.DEBUG)
    make_client().call("search", "piano")
    retries = [r for r in caplog.records if r.name == "backbeat" and r.levelno >= logging.INFO]
    assert [r.levelno for r in retries] == [logging.INFO, logging.INFO]
    first, second = (r.getMessage() for r in retries)
    assert first.startswith("retrying search: attempt 2 of 3 in 0.")
    assert first.endswith("after status 503")
    assert second.startswith("retrying search: attempt 3 of 3 in ")
    assert "ConnectError: refused" in second
    assert all(API_KEY not in record.getMessage() for record in caplog.records)
    assert API_KEY not in caplog.text


def test_request_is_resent_identically(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.post("/search").mock(
        side_effect=[
            httpx.Response(500),
            httpx.Response(200, json={"tracks": [], "credits_remaining": 1}),
        ]
    )
    make_client().call("search", "piano", limit=3)
    first, second = (call.request for call in route.calls)
    assert first.content == second.content == b'{"query":"piano","limit":3}'
    assert first.headers["authorization"] == second.headers["authorization"] == f"Bearer {API_KEY}"
