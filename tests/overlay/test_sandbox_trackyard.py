"""The Trackyard client against the real sandbox over HTTP: one test per magic value."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from backbeat import (
    AsyncTrackyard,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    Trackyard,
)

from .conftest import FakeTime

# One worker runs every test that uses the session sandbox, so only one server is started.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]


@pytest.fixture
def base_url(sandbox_url: str) -> str:
    return f"{sandbox_url}/api/external/v1"


@pytest.fixture
def fresh_key(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """`fresh_key("ty_test_free")`: a fresh account of that profile, unique to this test."""
    suffix = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]
    return lambda magic: f"{magic}_{suffix}"


@pytest.fixture
def client_for(base_url: str, fake_time: FakeTime) -> Callable[..., Trackyard]:
    def build(key: str, **options: object) -> Trackyard:
        return Trackyard(key, base_url=base_url, sleep=fake_time.sleep, **options)  # type: ignore[arg-type]

    return build


def test_free(client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]) -> None:
    with client_for(fresh_key("ty_test_free")) as client:
        me = client.me()
        assert (me.tier, me.credits_remaining) == ("free", 50)
        assert me.rate_limit.requests_per_minute == 5
        info = client.last_rate_limit
        assert (info.limit, info.remaining, info.limit_daily, info.credits_remaining) == (
            5,
            4,
            50,
            50,
        )


def test_starter_search_and_download(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str], tmp_path: Path
) -> None:
    with client_for(fresh_key("ty_test_starter")) as client:
        found = client.search("moody piano for a rainy scene", limit=2)
        assert 1 <= len(found.tracks) <= 2
        assert found.credits_remaining == 299
        track = found.tracks[0]
        download = client.download_track(track.id, duration_seconds=30, hit_point_seconds=12)
        assert download.track_id == track.id
        assert download.filename.endswith(".mp3")
        assert len(download.content) > 0
        assert download.save(tmp_path).read_bytes() == download.content
        assert client.last_rate_limit.credits_remaining == 298
        assert client.me().tier == "starter"


def test_pro_has_no_daily_cap(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]
) -> None:
    with client_for(fresh_key("ty_test_pro")) as client:
        assert client.me().tier == "pro"
        info = client.last_rate_limit
        assert (info.limit, info.limit_daily, info.remaining_daily) == (300, None, None)


def test_exhausted(client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]) -> None:
    with client_for(fresh_key("ty_test_exhausted")) as client:
        with pytest.raises(PaymentRequiredError) as caught:
            client.search("anything")
        assert caught.value.code == "out_of_credits"
        assert client.me().credits_remaining == 0  # the free operations still work
        assert client.usage().total_count == 2  # the 402 was not retried


def test_revoked(client_for: Callable[..., Trackyard]) -> None:
    with client_for("ty_test_revoked") as client, pytest.raises(AuthenticationError) as caught:
        client.me()
    assert "revoked" in caught.value.message
    assert "ty_test_revoked" not in str(caught.value)


def test_unknown_key(client_for: Callable[..., Trackyard]) -> None:
    with client_for("not_a_magic_key") as client, pytest.raises(AuthenticationError):
        client.search("piano")


def test_nodownload(client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]) -> None:
    with client_for(fresh_key("ty_test_nodownload")) as client:
        track_id = client.search("piano", limit=1).tracks[0].id
        with pytest.raises(PermissionDeniedError) as caught:
            client.download_track(track_id)
        assert caught.value.code == "insufficient_permissions"


def test_tinylimit_retries_on_429_then_raises(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str], fake_time: FakeTime
) -> None:
    with client_for(fresh_key("ty_test_tinylimit")) as client:
        client.me()
        client.me()
        with pytest.raises(RateLimitError) as caught:
            client.me()  # the fake clock does not move the server's minute: every retry is a 429
        assert caught.value.retry_after is not None
        assert 1 <= caught.value.retry_after <= 60
        assert len(fake_time.sleeps) == 2
        assert all(1 <= wait <= 60 for wait in fake_time.sleeps)  # Retry-After, not backoff
        assert client.last_rate_limit.remaining == 0


def test_tinylimit_paced_client_waits_instead(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str], fake_time: FakeTime
) -> None:
    with client_for(fresh_key("ty_test_tinylimit"), pace=True, max_retries=0) as client:
        client.me()
        client.me()
        assert fake_time.sleeps == []
        with pytest.raises(RateLimitError):  # the server's real clock did not move
            client.me()
        assert fake_time.sleeps == [pytest.approx(60.0, abs=1.0)]


def test_burst_concurrency(base_url: str, fresh_key: Callable[[str], str]) -> None:
    async def run() -> list[int]:
        async with AsyncTrackyard(fresh_key("ty_test_burst"), base_url=base_url) as client:
            results = await asyncio.gather(*(client.search("drums", limit=1) for _ in range(20)))
            return [result.credits_remaining for result in results]

    assert sorted(asyncio.run(run())) == list(range(30, 50))


def test_burst_threads_share_one_sync_client(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]
) -> None:
    with client_for(fresh_key("ty_test_burst")) as client, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: client.search("bass", limit=1), range(16)))
    assert sorted(result.credits_remaining for result in results) == list(range(34, 50))


def test_load_account(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]
) -> None:
    with client_for(fresh_key("ty_test_load")) as client:
        assert client.me().credits_remaining == 1_000_000_000
        assert client.last_rate_limit.limit == 1_000_000


def test_server_error_track_is_retried(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str], fake_time: FakeTime
) -> None:
    with client_for(fresh_key("ty_test_starter")) as client:
        with pytest.raises(InternalServerError) as caught:
            client.download_track("trk_server_error")
        assert caught.value.request_id is not None
        assert len(fake_time.sleeps) == 2
        endpoints = [record.endpoint for record in client.usage().usage]
        assert endpoints == ["/download-track"] * 3  # newest first: three attempts, as logged


def test_missing_track_is_not_retried(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str], fake_time: FakeTime
) -> None:
    with client_for(fresh_key("ty_test_starter")) as client:
        with pytest.raises(NotFoundError):
            client.download_track("trk_missing")
        with pytest.raises(BadRequestError) as caught:
            client.download_track("trk_abc123", hit_point_seconds=5)
        assert caught.value.code == "invalid_parameters"
        assert fake_time.sleeps == []
        assert client.usage().total_count == 2


def test_iter_usage_walks_every_page(
    client_for: Callable[..., Trackyard], fresh_key: Callable[[str], str]
) -> None:
    with client_for(fresh_key("ty_test_pro")) as client:
        for _ in range(4):
            client.me()
        records = list(client.iter_usage(page_size=2))
        assert len(records) >= 4
        assert {record.endpoint for record in records} <= {"/me", "/usage"}
