"""httpx transports that put the retry engine under every request of a generated client.

Injected with `httpx_args={"transport": ...}` so the generated client keeps its own auth
header, base URL and timeout; only the sending is wrapped. The user's event hooks run here,
once per attempt, and each final response carries its retry count in `extensions`. Without
an explicit inner transport the real one is built on first use: building it loads the TLS
trust store (tens of milliseconds), which a client that is configured but never used should
not pay.

Each attempt starts its deadline clock (`_deadline`), and each response gets a decoder that
refuses to inflate past `max_body` bytes (`_limits`). A retry whose wait would end past the
call deadline of the operation around it (`wait_for_conversion`) is not made.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import httpx

from ._deadline import remaining_call_time, start_attempt, with_attempt_deadlines
from ._engine import Outcome, RetryEngine
from ._limits import cap_body
from ._raw import RETRIES_TAKEN, UNTIL_HEADERS

__all__ = ["AsyncRetryTransport", "RetryTransport"]

Hooks = Mapping[str, Sequence[Callable[..., Any]]]
InnerT = TypeVar("InnerT")
SleepT = TypeVar("SleepT")


class _Retrying(Generic[InnerT, SleepT]):
    """What both transports hold: the inner transport (None: built on first use), the engine,
    how to sleep, and the user's hooks."""

    def __init__(
        self,
        inner: InnerT | None,
        engine: RetryEngine,
        sleep: SleepT,
        hooks: Hooks,
        max_body: int | None,
    ):
        self._given = inner
        self._engine = engine
        self._sleep = sleep
        self._request_hooks = tuple(hooks.get("request", ()))
        self._response_hooks = tuple(hooks.get("response", ()))
        self._max_body = max_body
        if inner is not None:
            with_attempt_deadlines(inner)


def _waits_past_call_deadline(wait: float) -> bool:
    remaining = remaining_call_time()
    return remaining is not None and wait >= remaining


class RetryTransport(_Retrying[httpx.BaseTransport, Callable[[float], None]], httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport | None,
        engine: RetryEngine,
        sleep: Callable[[float], None] | None = None,
        hooks: Hooks | None = None,
        max_body: int | None = None,
    ) -> None:
        super().__init__(inner, engine, sleep or time.sleep, hooks or {}, max_body)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        first_started = time.perf_counter()
        for attempt in attempts:
            if attempt.wait > 0 and _waits_past_call_deadline(attempt.wait):
                break  # the last outcome stands
            if attempt.stale is not None:
                attempt.stale.close()
            if attempt.wait > 0:
                self._sleep(attempt.wait)
            for hook in self._request_hooks:
                hook(request)
            started = time.perf_counter()
            start_attempt(request)
            outcome: Outcome
            try:
                outcome = self._inner.handle_request(request)
            except httpx.TransportError as error:
                outcome = error
            else:
                cap_body(outcome, self._max_body)
                if self._response_hooks:
                    outcome.request = request
                    for hook in self._response_hooks:
                        hook(outcome)
            attempts.record(outcome, time.perf_counter() - started)
        return _stamped(attempts.result(), attempts.retries, first_started)

    @functools.cached_property
    def _inner(self) -> httpx.BaseTransport:
        if self._given is not None:
            return self._given
        built = httpx.HTTPTransport()
        with_attempt_deadlines(built)
        return built

    def close(self) -> None:
        if "_inner" in vars(self):
            self._inner.close()


class AsyncRetryTransport(
    _Retrying[httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]],
    httpx.AsyncBaseTransport,
):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None,
        engine: RetryEngine,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        hooks: Hooks | None = None,
        max_body: int | None = None,
    ) -> None:
        super().__init__(inner, engine, sleep or asyncio.sleep, hooks or {}, max_body)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = self._engine.attempts(request)
        first_started = time.perf_counter()
        for attempt in attempts:
            if attempt.wait > 0 and _waits_past_call_deadline(attempt.wait):
                break  # the last outcome stands
            if attempt.stale is not None:
                await attempt.stale.aclose()
            if attempt.wait > 0:
                await self._sleep(attempt.wait)
            for hook in self._request_hooks:
                await _awaited(hook(request))
            started = time.perf_counter()
            start_attempt(request)
            outcome: Outcome
            try:
                outcome = await self._inner.handle_async_request(request)
            except httpx.TransportError as error:
                outcome = error
            else:
                cap_body(outcome, self._max_body)
                if self._response_hooks:
                    outcome.request = request
                    for hook in self._response_hooks:
                        await _awaited(hook(outcome))
            attempts.record(outcome, time.perf_counter() - started)
        return _stamped(attempts.result(), attempts.retries, first_started)

    @functools.cached_property
    def _inner(self) -> httpx.AsyncBaseTransport:
        if self._given is not None:
            return self._given
        built = httpx.AsyncHTTPTransport()
        with_attempt_deadlines(built)
        return built

    async def aclose(self) -> None:
        if "_inner" in vars(self):
            await self._inner.aclose()


def _stamped(response: httpx.Response, retries: int, started: float) -> httpx.Response:
    extensions = response.extensions
    extensions[RETRIES_TAKEN] = retries
    extensions[UNTIL_HEADERS] = time.perf_counter() - started
    return response


async def _awaited(result: object) -> None:
    """Async clients take plain and async hooks alike."""
    if inspect.isawaitable(result):
        await result
