"""Deadlines: `timeout=` bounds each attempt as a whole, and a long operation bounds its calls.

httpx applies each `Timeout` value to one network operation: `read=3` lets a server that
sends a byte every 1.5 s hold a call forever. Here an attempt also gets a deadline, the
largest of its timeout's values after its start, and every connect, read and write of that
attempt (headers and body alike) gets at most the time left until it. The deadline lives in a
context variable, so it follows the call through httpx into the network backend, which is
wrapped (`with_attempt_deadlines`) in the httpcore pool of the transport the client builds;
one `monotonic()` and one lookup per network operation, nothing per byte.

An operation made of several calls (`wait_for_conversion`) sets a call deadline
(`call_deadline`): no attempt runs past it, and no retry waits past it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Coroutine, Iterator, Mapping
from contextvars import ContextVar
from ssl import SSLContext
from typing import Any

import httpcore
import httpx

__all__ = [
    "call_deadline",
    "remaining_call_time",
    "start_attempt",
    "with_attempt_deadlines",
]

# time.monotonic() values: the attempt in flight in this context, the operation around it.
_ATTEMPT_DEADLINE: ContextVar[float | None] = ContextVar("backbeat_attempt_deadline", default=None)
_CALL_DEADLINE: ContextVar[float | None] = ContextVar("backbeat_call_deadline", default=None)
# Bound once: they run on every network operation.
_attempt_deadline = _ATTEMPT_DEADLINE.get
Seconds = float | None
_monotonic = time.monotonic


def start_attempt(request: httpx.Request) -> None:
    """Start the clock of an attempt of `request` in this context: its deadline is the largest
    value of its timeout (what `timeout=3` says) from now, or none when it has none."""
    timeouts: Mapping[str, float | None] = request.extensions.get("timeout") or {}
    budget = None
    for value in timeouts.values():
        if value is not None and (budget is None or value > budget):
            budget = value
    deadline = None if budget is None else _monotonic() + budget
    call = _CALL_DEADLINE.get()
    if call is not None and (deadline is None or call < deadline):
        deadline = call
    _ATTEMPT_DEADLINE.set(deadline)


def remaining_call_time() -> float | None:
    """Seconds until the call deadline of this context (None: there is none)."""
    call = _CALL_DEADLINE.get()
    return None if call is None else call - time.monotonic()


@contextlib.contextmanager
def call_deadline(seconds: float) -> Iterator[None]:
    """Within the block no attempt runs, and no retry waits, past `seconds` from now (nor past
    an enclosing call deadline)."""
    deadline = time.monotonic() + seconds
    enclosing = _CALL_DEADLINE.get()
    token = _CALL_DEADLINE.set(deadline if enclosing is None else min(deadline, enclosing))
    try:
        yield
    finally:
        _CALL_DEADLINE.reset(token)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to the time left in the attempt; `error` when none is left."""
    deadline = _attempt_deadline()
    if deadline is None:
        return timeout
    left = deadline - _monotonic()
    if left <= 0:  # 0 would make the socket non-blocking, not time out
        raise error("the attempt's deadline passed (timeout= bounds each attempt as a whole)")
    return left if timeout is None or left < timeout else timeout


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner
        # Asked twice a request (is the connection still readable?): the inner one, unwrapped.
        self.get_extra_info = inner.get_extra_info  # type: ignore[method-assign]

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:  # h11 ends every request with an empty write, which sends nothing
            self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: SSLContext, server_hostname: str | None = None, timeout: Seconds = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    # Only the timeout is ours: the other arguments (local_address, socket_options) pass on.
    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, bounded, *rest, **options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, bounded, *rest, **options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self.get_extra_info = inner.get_extra_info  # type: ignore[method-assign]

    # Plain methods handing back the inner coroutine: no coroutine of our own per operation
    # (a deadline already passed raises at the call, which the caller awaits at once).
    def read(self, max_bytes: int, timeout: float | None = None) -> Coroutine[Any, Any, bytes]:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> Coroutine[Any, Any, None]:
        if buffer:  # h11 ends every request with an empty write, which sends nothing
            timeout = _bounded(timeout, httpcore.WriteTimeout)
        return self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: SSLContext, server_hostname: str | None = None, timeout: Seconds = None
    ) -> httpcore.AsyncNetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, bounded))


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.AsyncNetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_tcp(host, port, bounded, *rest, **options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.AsyncNetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = await self._inner.connect_unix_socket(path, bounded, *rest, **options)
        return _AsyncStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def with_attempt_deadlines(transport: object) -> None:
    """Wrap the network backend of an `httpx.HTTPTransport` or `AsyncHTTPTransport` (the
    one the client builds, or one passed in) so that attempts keep their deadline. httpx has
    no public way to pass a backend, so this reaches into its pool (httpx 0.28, httpcore 1.0);
    a transport of another make is left as it is."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _Backend):
        pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
    elif isinstance(backend, httpcore.AsyncNetworkBackend) and not isinstance(
        backend, _AsyncBackend
    ):
        pool._network_backend = _AsyncBackend(backend)  # type: ignore[union-attr]
