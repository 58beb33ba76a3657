"""Construction, configuration, results and rate-limit info of the Trackyard facade."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import backbeat
import httpx
import pytest
import respx
from backbeat import AsyncTrackyard, BackbeatError, RateLimitInfo, Trackyard
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import API_KEY, BASE_URL, FakeTime, Handle

ME_BODY = {
    "tier": "starter",
    "credits_remaining": 290,
    "monthly_allowance": 300,
    "rate_limit": {"requests_per_minute": 10, "requests_per_day": 500},
    "created_at": "2026-01-15T10:30:00Z",
    "last_used_at": None,
}
CLIENT_CLASSES = [Trackyard, AsyncTrackyard]


def test_public_surface() -> None:
    for name in backbeat.__all__:
        assert hasattr(backbeat, name)
    assert {"Trackyard", "AsyncTrackyard", "RateLimitInfo", "BackbeatError"} <= set(
        backbeat.__all__
    )


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_key_and_base_url_from_environment(
    monkeypatch: pytest.MonkeyPatch, client_class: type[Trackyard]
) -> None:
    monkeypatch.setenv("TRACKYARD_API_KEY", "ty_from_env")
    monkeypatch.setenv("TRACKYARD_BASE_URL", "http://127.0.0.1:9/api/external/v1/")
    client = client_class()
    assert client.base_url == "http://127.0.0.1:9/api/external/v1"
    assert client._api_key == "ty_from_env"
    explicit = client_class("ty_explicit", base_url="http://example.test/v1")
    assert (explicit._api_key, explicit.base_url) == ("ty_explicit", "http://example.test/v1")


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_production_is_the_default_base_url(
    monkeypatch: pytest.MonkeyPatch, client_class: type[Trackyard]
) -> None:
    monkeypatch.delenv("TRACKYARD_BASE_URL", raising=False)
    assert client_class("ty_x").base_url == Trackyard.profile.operations.SERVER_URL


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
@pytest.mark.parametrize("value", [None, ""])
def test_missing_key_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, client_class: type[Trackyard], value: str | None
) -> None:
    monkeypatch.delenv("TRACKYARD_API_KEY", raising=False)
    with pytest.raises(BackbeatError, match="TRACKYARD_API_KEY"):
        client_class(value)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_key_appears_in_no_repr(client_class: type[Trackyard]) -> None:
    client = client_class(API_KEY, base_url=BASE_URL)
    text = repr(client) + str(client) + repr(client.with_options(max_retries=0))
    assert API_KEY not in text
    assert text.startswith(f"{client_class.__name__}(base_url='{BASE_URL}'")


def test_with_options_returns_a_configured_copy(make_client: Callable[..., Handle]) -> None:
    client = make_client().client
    copy = client.with_options(max_retries=7, timeout=3.0)
    assert type(copy) is type(client)
    assert copy is not client
    assert (copy.max_retries, copy.timeout) == (7, httpx.Timeout(3.0))
    assert (client.max_retries, client.timeout) == (2, httpx.Timeout(60.0, connect=5.0))
    assert copy.base_url == client.base_url
    assert copy.with_options().timeout == copy.timeout  # left out means "keep"
    assert copy.with_options(timeout=None).timeout is None  # None means "no timeout", as here:
    assert type(client)(api_key="k", timeout=None).timeout is None


def test_default_timeouts_reach_the_request(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/me").respond(200, json=ME_BODY)
    client = make_client()
    client.call("me")
    Handle(client.client.with_options(timeout=2.5), client.is_async).call("me")
    default, custom = (call.request.extensions["timeout"] for call in route.calls)
    assert default == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert custom == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_auth_header_comes_from_the_spec(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/me").respond(200, json=ME_BODY)
    make_client().call("me")
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {API_KEY}"


def test_me_result_is_the_generated_model(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.get("/me").respond(200, json=ME_BODY)
    me = make_client().call("me")
    assert (me.tier, me.credits_remaining, me.rate_limit.requests_per_minute) == (
        "starter",
        290,
        10,
    )
    assert me.created_at.year == 2026
    assert me.last_used_at is None


def test_last_rate_limit(mock_api: respx.MockRouter, make_client: Callable[..., Handle]) -> None:
    headers = {
        "X-RateLimit-Limit": "10",
        "X-RateLimit-Remaining": "7",
        "X-RateLimit-Limit-Daily": "500",
        "X-RateLimit-Remaining-Daily": "480",
        "X-Credits-Remaining": "290",
    }
    mock_api.get("/me").mock(
        side_effect=[
            httpx.Response(200, json=ME_BODY, headers=headers),
            httpx.Response(
                200,
                json=ME_BODY,
                headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "x"},
            ),
            httpx.Response(401, json={"error": "No"}, headers={"X-Credits-Remaining": "3"}),
        ]
    )
    client = make_client()
    assert client.client.last_rate_limit == RateLimitInfo()
    client.call("me")
    assert client.client.last_rate_limit == RateLimitInfo(10, 7, 500, 480, 290)
    client.call("me")
    assert client.client.last_rate_limit == RateLimitInfo(limit=300)
    with pytest.raises(backbeat.AuthenticationError):
        client.call("me")
    assert client.client.last_rate_limit == RateLimitInfo(credits_remaining=3)


def test_search_sends_filters(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.post("/search").respond(200, json={"tracks": [], "credits_remaining": 3})
    client = make_client()
    client.call("search", "rain", limit=5, offset=10, filters={"moods": ["Calm"], "min_bpm": 60})
    client.call("search", "rain", filters=backbeat.trackyard.SearchFilters(has_vocals=False))
    first, second = (call.request.content for call in route.calls)
    assert (
        first == b'{"query":"rain","limit":5,"offset":10,"filters":{"moods":["Calm"],"min_bpm":60}}'
    )
    assert second == b'{"query":"rain","filters":{"has_vocals":false}}'


def test_download_track(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], tmp_path: Path
) -> None:
    route = mock_api.post("/download-track").respond(
        200,
        content=b"ID3\x04mp3-bytes",
        headers={
            "Content-Type": "audio/mpeg",
            "Content-Disposition": 'attachment; filename="Digital_Sunrise.mp3"',
            "X-Track-Id": "trk_abc123",
            "X-Track-Duration": "30",
        },
    )
    download = make_client().call(
        "download_track", "trk_abc123", duration_seconds=30, hit_point_seconds=12
    )
    assert route.calls.last.request.content == (
        b'{"track_id":"trk_abc123","duration_seconds":30,"hit_point_seconds":12}'
    )
    assert (download.content, download.filename) == (b"ID3\x04mp3-bytes", "Digital_Sunrise.mp3")
    assert (download.track_id, download.duration) == ("trk_abc123", 30.0)
    assert "mp3-bytes" not in repr(download)
    into_dir = download.save(tmp_path)
    assert into_dir == tmp_path / "Digital_Sunrise.mp3"
    assert into_dir.read_bytes() == b"ID3\x04mp3-bytes"
    assert download.save(tmp_path / "clip.mp3").read_bytes() == b"ID3\x04mp3-bytes"


@pytest.mark.parametrize(
    ("disposition", "filename"),
    [
        (None, "trk_1.mp3"),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ("attachment; filename=plain.mp3", "plain.mp3"),
        ("attachment; filename*=UTF-8''Caf%C3%A9.mp3", "Café.mp3"),
        ('attachment; filename=".."', "trk_1.mp3"),
        ("inline", "trk_1.mp3"),
    ],
)
def test_download_filename_is_safe(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    disposition: str | None,
    filename: str,
) -> None:
    headers = {"Content-Disposition": disposition} if disposition else {}
    mock_api.post("/download-track").respond(200, content=b"x", headers=headers)
    download = make_client().call("download_track", "trk_1")
    assert (download.filename, download.track_id, download.duration) == (filename, "trk_1", None)


def usage_page(start: int, count: int, limit: int) -> dict[str, object]:
    records = [{"endpoint": "/me", "status_code": 200, "credits_consumed": 0, "n": start + i}
               for i in range(count)]  # fmt: skip
    return {"usage": records, "total_count": 250, "offset": start, "limit": limit}


@pytest.mark.parametrize(
    ("options", "page_size", "page_counts"),
    [({}, 100, [100, 100, 50]), ({"page_size": 2}, 2, [2, 0])],
    ids=["default size, short last page", "empty last page"],
)
def test_iter_usage_pages_until_a_short_page(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    options: dict[str, int],
    page_size: int,
    page_counts: list[int],
) -> None:
    starts = [page_size * index for index in range(len(page_counts))]
    pages = [
        usage_page(start, count, page_size)
        for start, count in zip(starts, page_counts, strict=True)
    ]
    route = mock_api.get("/usage").mock(side_effect=[httpx.Response(200, json=p) for p in pages])
    records = make_client().collect("iter_usage", **options)
    assert [record["n"] for record in records] == list(range(sum(page_counts)))
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": str(page_size), "offset": str(start)} for start in starts
    ]


def test_usage_passes_paging(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    route = mock_api.get("/usage").respond(200, json=usage_page(5, 1, 1))
    page = make_client().call("usage", limit=1, offset=5)
    assert (page.offset, page.limit, page.total_count) == (5, 1, 250)
    assert dict(route.calls.last.request.url.params) == {"limit": "1", "offset": "5"}


def test_sync_context_manager_closes(mock_api: respx.MockRouter) -> None:
    mock_api.get("/me").respond(200, json=ME_BODY)
    with Trackyard(API_KEY, base_url=BASE_URL) as client:
        client.me()
    assert client._generated.get_httpx_client().is_closed


def test_async_context_manager_closes(mock_api: respx.MockRouter) -> None:
    mock_api.get("/me").respond(200, json=ME_BODY)

    async def use() -> AsyncTrackyard:
        async with AsyncTrackyard(API_KEY, base_url=BASE_URL) as client:
            await client.me()
        return client

    client = asyncio.run(use())
    assert client._generated.get_async_httpx_client().is_closed


def test_wrong_transport_kind_is_rejected() -> None:
    with pytest.raises(TypeError, match="AsyncBaseTransport"):
        AsyncTrackyard(API_KEY, transport=httpx.HTTPTransport())
    with pytest.raises(TypeError, match="BaseTransport"):
        Trackyard(API_KEY, transport=httpx.AsyncHTTPTransport())


def test_injected_transport_is_wrapped_by_the_retry_engine(fake_time: FakeTime) -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json=ME_BODY)])
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return next(answers)

    client = Trackyard(
        API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(handler), sleep=fake_time.sleep
    )
    assert client.me().tier == "starter"
    assert seen == [f"Bearer {API_KEY}"] * 2
    assert len(fake_time.sleeps) == 1


def test_no_log_line_contains_the_key(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mock_api.get("/me").mock(
        side_effect=[httpx.Response(500), httpx.ReadTimeout("t"), httpx.Response(200, json=ME_BODY)]
    )
    make_client().call("me")
    assert caplog.records  # httpx and backbeat both logged
    assert API_KEY not in caplog.text


def test_a_closed_client_says_so(make_client: Callable[..., Handle]) -> None:
    client = make_client()
    client.call("close")
    with pytest.raises(BackbeatError, match="client is closed"):
        client.call("me")


@settings(max_examples=40, deadline=None)
@given(
    initial=st.integers(min_value=0, max_value=60),
    page_size=st.integers(min_value=1, max_value=12),
    growth=st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=8),
)
def test_iter_usage_takes_each_record_once_while_the_log_grows(
    initial: int, page_size: int, growth: list[int]
) -> None:
    """A newest-first log that gains records before every page (the growth list, cycled):
    each record that was there at the first page comes out exactly once, in order."""
    log = [{"n": n} for n in reversed(range(initial))]  # newest first
    requests = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal requests, log
        assert requests < 1000, "the walk makes no progress"
        if requests:  # between pages: calls logged meanwhile, at the head
            added = growth[requests % len(growth)]
            log = [{"n": len(log) + k} for k in reversed(range(added))] + log
        requests += 1
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        page = {"usage": log[offset : offset + limit], "total_count": len(log)}
        return httpx.Response(200, json={**page, "offset": offset, "limit": limit})

    with Trackyard(API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(answer)) as client:
        records = list(client.iter_usage(page_size=page_size))
    assert [record["n"] for record in records] == list(reversed(range(initial)))
