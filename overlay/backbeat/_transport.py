"""httpx transports that put the retry engine under every request of a generated client.

Injected with `httpx_args={"transport": ...}` so the generated client keeps its own auth
header, base URL and timeout; only the sending is wrapped. Without an explicit inner
transport the real one is built on first use: building it loads the TLS trust store (tens of
milliseconds), which a client that is configured but never used should not pay.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable

import httpx

from ._engine import Outcome, RetryEngine

__all__ = ["AsyncRetryTransport", "RetryTransport"]


class RetryTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport | None,
        engine: RetryEngine,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self._given = inner
        self._engine = engine
        self._sleep = sleep or time.sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        for attempt in attempts:
            if attempt.stale is not None:
                attempt.stale.close()
            if attempt.wait > 0:
                self._sleep(attempt.wait)
            attempts.record(self._send(request))
        return attempts.result()

    @functools.cached_property
    def _inner(self) -> httpx.BaseTransport:
        return self._given or httpx.HTTPTransport()

    def _send(self, request: httpx.Request) -> Outcome:
        try:
            return self._inner.handle_request(request)
        except httpx.TransportError as error:
            return error

    def close(self) -> None:
        if "_inner" in vars(self):
            self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None,
        engine: RetryEngine,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._given = inner
        self._engine = engine
        self._sleep = sleep or asyncio.sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        for attempt in attempts:
            if attempt.stale is not None:
                await attempt.stale.aclose()
            if attempt.wait > 0:
                await self._sleep(attempt.wait)
            attempts.record(await self._send(request))
        return attempts.result()

    @functools.cached_property
    def _inner(self) -> httpx.AsyncBaseTransport:
        return self._given or httpx.AsyncHTTPTransport()

    async def _send(self, request: httpx.Request) -> Outcome:
        try:
            return await self._inner.handle_async_request(request)
        except httpx.TransportError as error:
            return error

    async def aclose(self) -> None:
        if "_inner" in vars(self):
            await self._inner.aclose()
