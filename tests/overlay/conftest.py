"""Fixtures for the overlay tests: fake time, and one client factory per I/O mode."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import respx
from backbeat import AsyncTrackyard, Trackyard

BASE_URL = "https://trackyard.test/api/external/v1"
API_KEY = "ty_secret_key_9f8e7d"


@dataclass
class FakeTime:
    """A wall clock that only moves when someone sleeps; every sleep is recorded."""

    now: float = 1_700_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@dataclass
class Handle:
    """A client of either mode, called the same way: `handle.call("search", "q")`."""

    client: Any
    is_async: bool

    def operation_of(self, path: str) -> str:
        """The spec's operation id for a path of this client's API (paths are unique)."""
        operations = self.client.profile.operations.OPERATIONS
        return next(name for name, facts in operations.items() if facts["path"] == path)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        return asyncio.run(result) if self.is_async else result

    def collect(self, method: str, **kwargs: Any) -> list[Any]:
        """Drain an (async) iterator method into a list."""
        if not self.is_async:
            return list(getattr(self.client, method)(**kwargs))

        async def drain() -> list[Any]:
            return [item async for item in getattr(self.client, method)(**kwargs)]

        return asyncio.run(drain())


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def mock_api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


def client_factory(
    client_classes: tuple[type[Any], type[Any]],
    credentials: tuple[str, str],
    router: respx.MockRouter,
    fake_time: FakeTime,
    mode: str,
) -> Callable[..., Handle]:
    """Build clients (sync or async class) on fake time, a seeded jitter and the respx router.

    The network is the router itself (as an httpx.MockTransport): no real transport is built,
    which keeps each test fast (a real one loads the TLS trust store).
    """
    is_async = mode == "async"
    handler = router.async_handler if is_async else router.handler
    api_key, base_url = credentials

    def build(**options: Any) -> Handle:
        options.setdefault("api_key", api_key)
        options.setdefault("base_url", base_url)
        options.setdefault("transport", httpx.MockTransport(handler))
        options.setdefault("clock", fake_time.clock)
        options.setdefault("sleep", fake_time.async_sleep if is_async else fake_time.sleep)
        options.setdefault("rng", random.Random(1234))
        return Handle(client_classes[is_async](**options), is_async)

    return build


@pytest.fixture(params=["sync", "async"])
def io_mode(request: pytest.FixtureRequest) -> str:
    """Every test that builds clients runs once with the sync and once with the async class."""
    return str(request.param)


@pytest.fixture
def make_client(
    io_mode: str, fake_time: FakeTime, mock_api: respx.MockRouter
) -> Callable[..., Handle]:
    """A factory of Trackyard clients of the parametrized mode (see `client_factory`)."""
    classes = (Trackyard, AsyncTrackyard)
    return client_factory(classes, (API_KEY, BASE_URL), mock_api, fake_time, io_mode)
