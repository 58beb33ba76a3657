"""httpx transports that put the retry engine under every request of a generated client.

Injected with `httpx_args={"transport": ...}` so the generated client keeps its own auth
header, base URL and timeout; only the sending is wrapped. The user's event hooks run here,
once per attempt, and each final response carries its retry count in `extensions`. Without
an explicit inner transport the real one is built on first use: building it loads the TLS
trust store (tens of milliseconds), which a client that is configured but never used should
not pay.

Each attempt starts its deadline clock (`_deadline`), and each response gets a decoder that
refuses to inflate past `max_body` bytes (`_limits`). The final response goes to the client's
`check`, which raises the status's exception: here rather than in an httpx response hook, so
the usual success costs one call, and an error body is read (leniently) before it is judged.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import suppress
from typing import Any, ClassVar, Generic, TypeVar

import httpx

from ._deadline import with_attempt_deadlines
from ._engine import RetryEngine
from ._limits import cap_body

__all__ = ["AsyncRetryTransport", "RetryTransport"]

Hooks = Mapping[str, Sequence[Callable[..., Any]]]
# Called with each final response: keeps what the client keeps of it, raises for its status.
Check = Callable[[httpx.Response], None]
InnerT = TypeVar("InnerT")
SleepT = TypeVar("SleepT")


class _Retrying(Generic[InnerT, SleepT]):
    """What both transports hold: the inner transport (None: built on first use), the engine,
    how to sleep, the user's hooks, the body cap and the client's check of final responses."""

    # The flavour's own: the real transport to build, and how to wait between attempts.
    _default_transport: ClassVar[type[Any]]
    _default_sleep: ClassVar[Callable[[float], Any]]

    def __init__(
        self,
        inner: InnerT | None,
        engine: RetryEngine,
        check: Check,
        *,
        sleep: SleepT | None = None,
        hooks: Hooks | None = None,
        max_body: int | None = None,
    ) -> None:
        self._given = inner
        self._engine = engine
        self._sleep: Any = sleep or type(self)._default_sleep
        self._request_hooks = tuple((hooks or {}).get("request", ()))
        self._response_hooks = tuple((hooks or {}).get("response", ()))
        self._max_body = max_body
        self._check = check
        if inner is not None:
            with_attempt_deadlines(inner)

    @functools.cached_property
    def _inner(self) -> InnerT:
        if self._given is not None:
            return self._given
        built: InnerT = self._default_transport()
        with_attempt_deadlines(built)
        return built

    def _received(self, request: httpx.Request, response: httpx.Response) -> None:
        cap_body(response, self._max_body)
        response.request = request  # httpx sets it later; hooks and error reading want it now


class RetryTransport(_Retrying[httpx.BaseTransport, Callable[[float], None]], httpx.BaseTransport):
    _default_transport = httpx.HTTPTransport
    _default_sleep = time.sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        while attempts.more:
            if attempts.stale is not None:
                attempts.stale.close()
            if attempts.wait > 0:
                self._sleep(attempts.wait)
            for hook in self._request_hooks:
                hook(request)
            attempts.start()
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as error:
                attempts.failed(error)
                continue
            self._received(request, response)
            for hook in self._response_hooks:
                hook(response)
            attempts.answered(response)
        response = attempts.result()
        if not 200 <= response.status_code < 300:
            with suppress(httpx.HTTPError):  # a broken error body still gets its exception
                response.read()
        self._check(response)
        return response

    def close(self) -> None:
        if "_inner" in vars(self):
            self._inner.close()


class AsyncRetryTransport(
    _Retrying[httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]],
    httpx.AsyncBaseTransport,
):
    _default_transport = httpx.AsyncHTTPTransport
    _default_sleep = asyncio.sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        while attempts.more:
            if attempts.stale is not None:
                await attempts.stale.aclose()
            if attempts.wait > 0:
                await self._sleep(attempts.wait)
            for hook in self._request_hooks:
                await _awaited(hook(request))
            attempts.start()
            try:
                response = await self._inner.handle_async_request(request)
            except httpx.TransportError as error:
                attempts.failed(error)
                continue
            self._received(request, response)
            for hook in self._response_hooks:
                await _awaited(hook(response))
            attempts.answered(response)
        response = attempts.result()
        if not 200 <= response.status_code < 300:
            with suppress(httpx.HTTPError):
                await response.aread()
        self._check(response)
        return response

    async def aclose(self) -> None:
        if "_inner" in vars(self):
            await self._inner.aclose()


async def _awaited(result: object) -> None:
    """Async clients take plain and async hooks alike."""
    if inspect.isawaitable(result):
        await result
