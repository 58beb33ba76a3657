"""The facade machinery every API shares; per-API modules only describe their operations.

A facade wraps one generated `AuthenticatedClient`, configured from the generated package's
`operations` module (server URL, auth header and prefix, per-operation idempotency). Retries
happen in the transport under it; statuses become exceptions in an httpx response hook; the
generated parsing runs inside `translated_errors`, so nothing but a `BackbeatError` escapes.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import random
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from types import ModuleType, TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

import httpx

from ._budget import RetryBudget
from ._engine import RetryEngine
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    BackbeatError,
)
from ._pacing import Pacer
from ._ratelimit import RateLimitInfo
from ._retry import RetryPolicy
from ._routing import OperationTable
from ._status import ErrorReader
from ._transport import AsyncRetryTransport, RetryTransport
from ._validation import conforms

__all__ = ["DEFAULT_TIMEOUT", "APIProfile", "AsyncClient", "Call", "SyncClient"]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_AFTER = 60.0

ParsedT = TypeVar("ParsedT")
ResultT = TypeVar("ResultT")
Sleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class APIProfile:
    """One API, as a facade sees it. `operations` is the generated `operations` module,
    `client_class` the generated `AuthenticatedClient`, `models` the generated models package
    (for validating success bodies), `message_fields` the error-body fields that may hold the
    human-readable message, in order of preference."""

    name: str
    api_key_env: str
    base_url_env: str
    operations: ModuleType
    client_class: Callable[..., Any]
    models: ModuleType
    message_fields: tuple[str, ...]

    @classmethod
    def of(cls, package: ModuleType, *, name: str, message_fields: tuple[str, ...]) -> APIProfile:
        """The profile of a generated client package; env vars are `<NAME>_API_KEY` and
        `<NAME>_BASE_URL`."""
        return cls(
            name=name,
            api_key_env=f"{name.upper()}_API_KEY",
            base_url_env=f"{name.upper()}_BASE_URL",
            operations=importlib.import_module(f"{package.__name__}.operations"),
            client_class=package.AuthenticatedClient,
            models=importlib.import_module(f"{package.__name__}.models"),
            message_fields=message_fields,
        )


@dataclass(frozen=True)
class Call(Generic[ParsedT, ResultT]):
    """One operation call: the generated endpoint module, its arguments, the model its success
    body must parse into, and how to turn that model (and the response) into the result."""

    operation: str
    endpoint: Any
    kwargs: Mapping[str, Any]
    model: type[ParsedT]
    wrap: Callable[[ParsedT, Any], ResultT]

    def result(self, response: Any, models: ModuleType) -> ResultT:
        parsed = response.parsed
        if not isinstance(parsed, self.model) or not conforms(parsed, models):
            raise APIError(
                f"{self.operation}: the {int(response.status_code)} response body is not the "
                f"{self.model.__name__} the API spec describes"
            )
        return self.wrap(parsed, response)


@dataclass
class SharedState:
    """What a client shares with its `with_options` copies: they talk to the same account."""

    budget: RetryBudget = field(default_factory=RetryBudget)
    pacer: Pacer = field(default_factory=Pacer)
    last_rate_limit: RateLimitInfo = field(default_factory=RateLimitInfo)


class _BaseClient:
    profile: ClassVar[APIProfile]

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        pace: bool = False,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Sleep | AsyncSleep | None = None,
        rng: random.Random | None = None,
        _shared: SharedState | None = None,
    ) -> None:
        """`transport` replaces the real network (it is still wrapped by the retry engine);
        `clock`, `sleep` and `rng` (the jitter source) exist so tests can run instantly."""
        self._api_key = self._resolve_api_key(api_key)
        self._base_url = (
            base_url
            or os.environ.get(self.profile.base_url_env)
            or self.profile.operations.SERVER_URL
        ).rstrip("/")
        self._policy = RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after)
        self._timeout = httpx.Timeout(timeout) if isinstance(timeout, int | float) else timeout
        self._pace = pace
        self._transport_arg = transport
        self._clock = clock
        self._sleep_arg = sleep
        self._rng = rng or random.Random()
        self._shared = _shared or SharedState()
        self._closed = False
        self._errors = ErrorReader(self.profile.message_fields, secrets=(self._api_key,))
        self._engine = RetryEngine(
            policy=self._policy,
            budget=self._shared.budget,
            operations=OperationTable(self.profile.operations.OPERATIONS, self._base_url),
            clock=clock,
            rng=self._rng,
            pacer=self._shared.pacer if pace else None,
        )
        self._generated = self.profile.client_class(
            base_url=self._base_url,
            token=self._api_key,
            prefix=self.profile.operations.SECURITY["prefix"],
            auth_header_name=self.profile.operations.SECURITY["header"],
            timeout=self._timeout,
            httpx_args=self._httpx_args(transport, sleep),
        )

    # The I/O flavour (sync or async): the transports it accepts, the retrying wrapper that
    # drives the shared engine, the sleep it waits with, and its response hook.
    _transport_type: ClassVar[type[httpx.BaseTransport] | type[httpx.AsyncBaseTransport]]
    # RetryTransport or AsyncRetryTransport; each sleeps its flavour's way unless told otherwise.
    _retry_transport: ClassVar[Any]
    _on_response: Callable[[httpx.Response], Any]

    def _httpx_args(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
        sleep: Sleep | AsyncSleep | None,
    ) -> dict[str, Any]:
        if transport is not None and not isinstance(transport, self._transport_type):
            expected = f"httpx.{self._transport_type.__name__}"
            raise TypeError(f"{type(self).__name__} needs an {expected}")
        retrying = self._retry_transport(transport, self._engine, sleep)
        return {"transport": retrying, "event_hooks": {"response": [self._on_response]}}

    def _resolve_api_key(self, api_key: str | None) -> str:
        key = api_key if api_key is not None else os.environ.get(self.profile.api_key_env)
        if not key:
            raise BackbeatError(
                f"no {self.profile.name} API key: pass api_key=... or set the "
                f"{self.profile.api_key_env} environment variable"
            )
        return key

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def max_retries(self) -> int:
        return self._policy.max_retries

    @property
    def timeout(self) -> httpx.Timeout | None:
        return self._timeout

    @property
    def last_rate_limit(self) -> RateLimitInfo:
        """Rate-limit and credit headers of the latest response (None where absent)."""
        return self._shared.last_rate_limit

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retry_after: float | None = None,
        pace: bool | None = None,
    ) -> Self:
        """A copy with other settings; it shares this client's retry budget, pacing and
        `last_rate_limit`, since both talk to the same account."""
        return type(self)(
            self._api_key,
            base_url=self._base_url,
            max_retries=self.max_retries if max_retries is None else max_retries,
            timeout=self._timeout if timeout is None else timeout,
            max_retry_after=(
                self._policy.max_retry_after if max_retry_after is None else max_retry_after
            ),
            pace=self._pace if pace is None else pace,
            transport=self._transport_arg,
            clock=self._clock,
            sleep=self._sleep_arg,
            rng=self._rng,
            _shared=self._shared,
        )

    def _ensure_open(self) -> None:
        if self._closed:
            raise BackbeatError(f"this {type(self).__name__} client is closed")

    def _check_response(self, response: httpx.Response) -> None:
        """Response hook: record the rate-limit headers, raise for any non-success status."""
        self._shared.last_rate_limit = RateLimitInfo.from_headers(response.headers)
        if not response.is_success:
            raise self._errors.exception_for(response, now=self._clock())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"


class SyncClient(_BaseClient):
    _transport_type = httpx.BaseTransport
    _retry_transport = RetryTransport

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            cast(Sleep, self._sleep_arg or time.sleep)(seconds)

    def _on_response(self, response: httpx.Response) -> None:
        if not response.is_success:
            _read_leniently(response.read)
        self._check_response(response)

    def _request(self, call: Call[Any, ResultT]) -> ResultT:
        self._ensure_open()
        with translated_errors(call.operation):
            response = call.endpoint.sync_detailed(client=self._generated, **call.kwargs)
            return call.result(response, self.profile.models)

    def close(self) -> None:
        self._closed = True
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(_BaseClient):
    _transport_type = httpx.AsyncBaseTransport
    _retry_transport = AsyncRetryTransport

    async def _pause(self, seconds: float) -> None:
        if seconds > 0:
            await cast(AsyncSleep, self._sleep_arg or asyncio.sleep)(seconds)

    async def _on_response(self, response: httpx.Response) -> None:
        if not response.is_success:
            await _aread_leniently(response)
        self._check_response(response)

    async def _request(self, call: Call[Any, ResultT]) -> ResultT:
        self._ensure_open()
        with translated_errors(call.operation):
            response = await call.endpoint.asyncio_detailed(client=self._generated, **call.kwargs)
            return call.result(response, self.profile.models)

    async def close(self) -> None:
        self._closed = True
        await self._generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def itself(parsed: Any, response: Any) -> Any:
    """The `wrap` of a `Call` whose result is the parsed model as it is."""
    return parsed


def none_as(unset: Any) -> Callable[[Any], Any]:
    """Maps None (the facades' "not given") to a generated package's own UNSET sentinel."""

    def convert(value: Any) -> Any:
        return unset if value is None else value

    return convert


@contextmanager
def translated_errors(operation: str) -> Iterator[None]:
    """Whatever goes wrong under a call surfaces as a `BackbeatError`.

    The generated parsing trusts the body (`KeyError`, `TypeError`, `ValueError` on anything
    unexpected), so every non-backbeat exception from it means "not what the spec says".
    """
    try:
        yield
    except BackbeatError:
        raise
    except httpx.TimeoutException as error:
        raise APITimeoutError(f"{operation}: timed out ({type(error).__name__})") from error
    except httpx.TransportError as error:
        raise APIConnectionError(f"{operation}: connection failed ({_describe(error)})") from error
    except httpx.HTTPError as error:
        raise APIError(f"{operation}: unreadable response ({_describe(error)})") from error
    except PARSING_ERRORS as error:
        raise APIError(
            f"{operation}: the response is not what the API spec describes ({_describe(error)})"
        ) from error


# What the generated parsing raises on a body it did not expect (JSONDecodeError is a
# ValueError, as are unknown enum values, bad dates and undocumented status codes).
PARSING_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError)


def _describe(error: Exception) -> str:
    text = str(error)
    return type(error).__name__ + (f": {text[:200]}" if text else "")


def _read_leniently(read: Callable[[], bytes]) -> None:
    with suppress(httpx.HTTPError):  # a broken error body still yields the status's exception
        read()


async def _aread_leniently(response: httpx.Response) -> None:
    with suppress(httpx.HTTPError):
        await response.aread()
