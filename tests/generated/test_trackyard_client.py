"""The generated Trackyard client speaks the spec's wire format (respx, no network)."""

from __future__ import annotations

import json

import httpx
import pytest
import respx
from backbeat._generated.trackyard import AuthenticatedClient
from backbeat._generated.trackyard.api.account import get_me, list_usage
from backbeat._generated.trackyard.api.downloads import download_track
from backbeat._generated.trackyard.api.search import search
from backbeat._generated.trackyard.models import (
    DownloadTrackRequest,
    Error,
    SearchRequest,
    SearchResponse,
)
from backbeat._generated.trackyard.types import File

BASE = "https://api.trackyard.test/api/external/v1"
KEY = "ty_secret_key_for_tests"
RATE_HEADERS = {
    "X-RateLimit-Limit": "5",
    "X-RateLimit-Remaining": "0",
    "X-RateLimit-Limit-Daily": "50",
    "X-RateLimit-Remaining-Daily": "42",
    "X-Credits-Remaining": "44",
}


@pytest.fixture
def client() -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE, token=KEY, timeout=httpx.Timeout(5.0))


@respx.mock
def test_search_sends_bearer_key_and_json_body(client: AuthenticatedClient) -> None:
    route = respx.post(f"{BASE}/search").respond(
        200, json={"tracks": [], "credits_remaining": 49}, headers=RATE_HEADERS
    )
    result = search.sync(client=client, body=SearchRequest(query="moody piano", limit=3))
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.headers["Content-Type"] == "application/json"
    # Schema defaults are sent explicitly by the generated model.
    assert json.loads(request.content) == {"query": "moody piano", "limit": 3, "offset": 0}
    assert isinstance(result, SearchResponse)
    assert result.credits_remaining == 49


@respx.mock
def test_429_body_and_headers_are_parsed(client: AuthenticatedClient) -> None:
    respx.get(f"{BASE}/me").respond(
        429,
        json={"error": "Too Many Requests", "message": "Rate limit exceeded"},
        headers={**RATE_HEADERS, "Retry-After": "42"},
    )
    response = get_me.sync_detailed(client=client)
    assert response.status_code == 429
    assert isinstance(response.parsed, Error)
    assert response.parsed.error == "Too Many Requests"
    assert response.parsed.message == "Rate limit exceeded"
    assert response.headers["retry-after"] == "42"
    assert response.headers["x-ratelimit-remaining"] == "0"


@respx.mock
def test_error_extra_fields_are_kept(client: AuthenticatedClient) -> None:
    respx.post(f"{BASE}/download-track").respond(
        404,
        json={"error": "Not Found", "message": "Track not found", "track_id": "trk_x"},
    )
    parsed = download_track.sync(client=client, body=DownloadTrackRequest(track_id="trk_x"))
    assert isinstance(parsed, Error)
    assert parsed.additional_properties == {"track_id": "trk_x"}


@respx.mock
def test_download_returns_raw_mp3_bytes(client: AuthenticatedClient) -> None:
    mp3 = b"\xff\xfb\x90\x64" + bytes(413)
    respx.post(f"{BASE}/download-track").respond(
        200,
        content=mp3,
        headers={"Content-Type": "audio/mpeg", "X-Track-Id": "trk_abc123", **RATE_HEADERS},
    )
    parsed = download_track.sync(
        client=client,
        body=DownloadTrackRequest(track_id="trk_abc123", duration_seconds=30),
    )
    assert isinstance(parsed, File)
    assert parsed.payload.read() == mp3


@respx.mock
def test_usage_sends_paging_as_query_parameters(client: AuthenticatedClient) -> None:
    route = respx.get(f"{BASE}/usage").respond(
        200, json={"usage": [], "total_count": 0, "offset": 10, "limit": 5}
    )
    page = list_usage.sync(client=client, limit=5, offset=10)
    assert route.calls.last.request.url.params == httpx.QueryParams({"limit": 5, "offset": 10})
    assert page is not None
    assert not isinstance(page, Error)
    assert (page.offset, page.limit, page.total_count) == (10, 5, 0)


@respx.mock
def test_malformed_error_body_is_what_the_overlay_must_absorb(
    client: AuthenticatedClient,
) -> None:
    # The raw generated client lets these escape: the reason the overlay exists.
    respx.get(f"{BASE}/me").respond(502, text="<html>Bad Gateway</html>")
    assert get_me.sync(client=client) is None  # undocumented status: silently None
    respx.get(f"{BASE}/me").respond(500, text="<html>oops</html>")
    with pytest.raises(json.JSONDecodeError):
        get_me.sync(client=client)
    respx.get(f"{BASE}/me").respond(401, json={"error": "Invalid API key", "code": "unauthorized"})
    with pytest.raises(KeyError):
        get_me.sync(client=client)
