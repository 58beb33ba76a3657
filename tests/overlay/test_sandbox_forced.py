"""Statuses forced on the real sandbox with `Prefer: code=N`: retries and idempotency end to end."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable

import backbeat
import httpx
import pytest
from backbeat import MusicGPT, Trackyard

from .conftest import FakeTime

# One worker runs every test that uses the session sandbox, so only one server is started.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]


class PreferTransport(httpx.HTTPTransport):
    """The real network, plus the sandbox's `Prefer` header on every request; counts sends."""

    def __init__(self, prefer: str) -> None:
        super().__init__()
        self.prefer = prefer
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Prefer"] = self.prefer
        self.sent += 1
        return super().handle_request(request)


@pytest.fixture
def suffix(request: pytest.FixtureRequest) -> str:
    return hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]


@pytest.fixture
def trackyard(
    sandbox_url: str, fake_time: FakeTime, suffix: str
) -> Callable[[PreferTransport], Trackyard]:
    def build(transport: PreferTransport) -> Trackyard:
        return Trackyard(
            f"ty_test_pro_{suffix}",
            base_url=f"{sandbox_url}/api/external/v1",
            transport=transport,
            sleep=fake_time.sleep,
        )

    return build


def test_forced_500_is_retried_for_idempotent_operations(
    trackyard: Callable[[PreferTransport], Trackyard], fake_time: FakeTime
) -> None:
    transport = PreferTransport("code=500")
    with trackyard(transport) as client, pytest.raises(backbeat.InternalServerError):
        client.me()
    assert transport.sent == 3
    assert len(fake_time.sleeps) == 2


def test_forced_429_honours_retry_after(
    trackyard: Callable[[PreferTransport], Trackyard], fake_time: FakeTime
) -> None:
    transport = PreferTransport("code=429")
    with trackyard(transport) as client, pytest.raises(backbeat.RateLimitError) as caught:
        client.search("piano")
    assert caught.value.retry_after is not None
    assert fake_time.sleeps == [caught.value.retry_after] * 2
    assert transport.sent == 3


@pytest.mark.parametrize(
    ("code", "exception_class"),
    [
        ("400", backbeat.BadRequestError),
        ("401", backbeat.AuthenticationError),
        ("402", backbeat.PaymentRequiredError),
        ("403", backbeat.PermissionDeniedError),
        ("404", backbeat.NotFoundError),
    ],
)
def test_forced_client_errors_are_raised_at_once(
    trackyard: Callable[[PreferTransport], Trackyard], code: str, exception_class: type[Exception]
) -> None:
    transport = PreferTransport(f"code={code}")
    with trackyard(transport) as client, pytest.raises(exception_class):
        client.download_track("trk_abc123")
    assert transport.sent == 1


def test_musicgpt_post_is_not_retried_after_a_5xx(
    sandbox_url: str, fake_time: FakeTime, suffix: str
) -> None:
    transport = PreferTransport("code=500")
    client = MusicGPT(
        f"mg_test_pro_{suffix}",
        base_url=f"{sandbox_url}/api/public",
        transport=transport,
        sleep=fake_time.sleep,
    )
    with client:
        with pytest.raises(backbeat.InternalServerError):
            client.generate_music(prompt="x")
        assert transport.sent == 1  # the job may have started: never sent twice
        assert fake_time.sleeps == []
        with pytest.raises(backbeat.InternalServerError):
            client.list_voices()  # a GET is idempotent: retried
        assert transport.sent == 4
        assert len(fake_time.sleeps) == 2
    with pytest.raises(backbeat.BackbeatError, match="client is closed"):
        client.list_voices()


def test_extra_headers_prefer_is_the_documented_way_to_force_a_status(
    sandbox_url: str, fake_time: FakeTime, suffix: str
) -> None:
    """The README's recipe: no custom transport, just `extra_headers` on the call."""
    client = Trackyard(
        f"ty_test_pro_{suffix}", base_url=f"{sandbox_url}/api/external/v1", sleep=fake_time.sleep
    )
    with client:
        with pytest.raises(backbeat.RateLimitError) as caught:
            client.me(extra_headers={"Prefer": "code=429"})
        assert caught.value.retry_after is not None
        assert len(fake_time.sleeps) == 2  # retried twice, as a real 429 would be
        # `code=200` serves the spec's documented example rather than the key's own state.
        raw = client.with_raw_response.me(extra_headers={"Prefer": "code=200"})
        assert raw.status_code == 200
        assert raw.retries_taken == 0
        assert raw.rate_limit.credits_remaining is not None
        assert raw.parse().tier in ("free", "starter", "pro")
        assert client.me().tier == "pro"  # without the header: the key's live state


def test_async_extra_headers_prefer_forces_a_status(sandbox_url: str, suffix: str) -> None:
    async def no_sleep(seconds: float) -> None:
        pass

    async def scenario() -> None:
        client = backbeat.AsyncMusicGPT(
            f"mg_test_pro_{suffix}", base_url=f"{sandbox_url}/api/public", sleep=no_sleep
        )
        async with client:
            with pytest.raises(backbeat.InternalServerError):
                await client.list_voices(extra_headers={"Prefer": "code=500"})
            raw = await client.with_raw_response.list_voices(limit=2)
            assert raw.status_code == 200
            assert len(raw.parse().voices) == 2

    asyncio.run(scenario())
