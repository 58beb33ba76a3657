"""The facade machinery every API shares; per-API modules only describe their operations.

A facade wraps one generated `AuthenticatedClient`, configured from the generated package's
`operations` module (server URL, auth header and prefix, per-operation idempotency). A call
builds its request with the generated endpoint's `_get_kwargs`, sends it through that
client's httpx client (retries happen in the transport under it, which also turns a final
error status into its exception), and reads the body with the tolerant `BodyReader`, so
nothing but a `BackbeatError` escapes.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import os
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType, TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

import httpx

from ._budget import RetryBudget
from ._engine import RetryEngine
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    BackbeatError,
    ResponseTooLargeError,
)
from ._limits import DEFAULT_MAX_RESPONSE_SIZE, BodyTooLarge, describe_size
from ._logging import LOGGER, register_secret
from ._options import (
    NOT_GIVEN,
    Headers,
    NotGiven,
    Timeout,
    first_page_fetched,
    first_page_fetched_async,
)
from ._pacing import Pacer
from ._ratelimit import RateLimitInfo
from ._raw import RawResponse, raising, returning
from ._retry import RetryPolicy
from ._routing import OPERATION, OperationTable
from ._secrets import Scrubber, checked_api_key, redacted_request
from ._status import ErrorReader
from ._transport import AsyncRetryTransport, RetryTransport
from ._validation import BodyReader, UnknownValue, UnreadableBody

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIProfile",
    "AsyncClient",
    "Call",
    "SyncClient",
]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_AFTER = 60.0
MAX_CACHED_URLS = 256

ParsedT = TypeVar("ParsedT")
ResultT = TypeVar("ResultT")
Sleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class APIProfile:
    """One API, as a facade sees it. `operations` is the generated `operations` module,
    `client_class` the generated `AuthenticatedClient`, `readers` the generated `readers`
    module (the tolerant readers of success bodies), `message_fields` the error-body fields
    that may hold the human-readable message, in order of preference."""

    name: str
    api_key_env: str
    base_url_env: str
    operations: ModuleType
    client_class: Callable[..., Any]
    readers: ModuleType
    calls: Any  # the CallBuilder of the generated package
    message_fields: tuple[str, ...]

    @classmethod
    def of(cls, package: ModuleType, *, name: str, message_fields: tuple[str, ...]) -> APIProfile:
        """The profile of a generated client package; env vars are `<NAME>_API_KEY` and
        `<NAME>_BASE_URL`."""
        from ._calls import CallBuilder  # it builds `Call`s: imported once this module is

        return cls(
            name=name,
            api_key_env=f"{name.upper()}_API_KEY",
            base_url_env=f"{name.upper()}_BASE_URL",
            operations=importlib.import_module(f"{package.__name__}.operations"),
            client_class=package.AuthenticatedClient,
            readers=importlib.import_module(f"{package.__name__}.readers"),
            calls=CallBuilder(package),
            message_fields=message_fields,
        )


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs a microsecond a call
class Call(Generic[ParsedT, ResultT]):
    """One operation call: the generated endpoint module, its arguments, the model its success
    body must parse into, and how to turn that model (and the response) into the result."""

    operation: str
    endpoint: Any
    kwargs: Mapping[str, Any]
    model: type[ParsedT]
    wrap: Callable[[ParsedT, Any], ResultT]


@dataclass
class SharedState:
    """What a client shares with its `with_options` copies: they talk to the same account."""

    budget: RetryBudget = field(default_factory=RetryBudget)
    pacer: Pacer = field(default_factory=Pacer)
    # The latest response's headers, read into a `RateLimitInfo` only when asked.
    last_headers: Mapping[str, str] = field(default_factory=dict)
    last_rate_limit: RateLimitInfo | None = None
    last_rate_limit_of: object = None
    # (operation, field, value) already logged as a value the spec does not list.
    unknown_values_seen: set[tuple[str, str, str]] = field(default_factory=set)
    # Endpoint path -> absolute URL on the (shared) base URL.
    urls: dict[str, httpx.URL] = field(default_factory=dict)


class _BaseClient:
    profile: ClassVar[APIProfile]
    _readers: ClassVar[dict[str, BodyReader]] = {}

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        pace: bool = False,
        strict: bool = False,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        event_hooks: Mapping[str, Sequence[Callable[..., Any]]] | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Sleep | AsyncSleep | None = None,
        rng: random.Random | None = None,
        _shared: SharedState | None = None,
    ) -> None:
        """`strict=True` rejects success bodies with enum values the spec does not list
        (by default they read as plain strings). `event_hooks` ({"request": [...],
        "response": [...]}, as in httpx) run once per attempt, retries included.
        `max_response_size` caps a response body, decompressed, in bytes (None: no cap).
        `transport` replaces the real network (it is still wrapped by the retry engine);
        `clock`, `sleep` and `rng` (the jitter source) exist so tests can run instantly.

        Arguments are checked here, not at the first call: a key that is not a `str`, or that
        holds control characters, and a `base_url` that is not an absolute http(s) URL raise
        `TypeError` or `ValueError` naming the argument (never showing the key)."""
        self._api_key = self._resolve_api_key(api_key)
        register_secret(self._api_key)
        self._scrubber = Scrubber((self._api_key,))
        self._base_url = _checked_base_url(
            base_url if base_url is not None else os.environ.get(self.profile.base_url_env),
            self.profile.operations.SERVER_URL,
            self._scrubber,
        )
        self._max_response_size = _checked_size(max_response_size)
        self._policy = RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after)
        self._timeout = httpx.Timeout(timeout) if isinstance(timeout, int | float) else timeout
        self._pace = pace
        self._strict = strict
        self._event_hooks = _checked_hooks(event_hooks)
        self._transport_arg = transport
        self._clock = clock
        self._sleep_arg = sleep
        self._rng = rng or random.Random()
        self._shared = _shared or SharedState()
        self._closed = False
        self._errors = ErrorReader(self.profile.message_fields, self._scrubber)
        self._reader = self._reader_of(self.profile)
        # Bound once: every call uses them.
        self._build_call = self.profile.calls.built
        self._read_models = self._reader.models
        self._auth_header = str(self.profile.operations.SECURITY["header"]).lower()
        # Per call (set on views only): extra headers, the timeout, collected responses.
        self._call_headers: Mapping[str, str] | None = None
        self._call_timeout: Any = NOT_GIVEN
        self._responses: list[httpx.Response] | None = None
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

    @classmethod
    def _reader_of(cls, profile: APIProfile) -> BodyReader:
        """One reader per API, shared by all its clients (two threads may both create it: it
        holds only the generated tables, so either copy serves)."""
        reader = _BaseClient._readers.get(profile.name)
        if reader is None:
            reader = _BaseClient._readers[profile.name] = BodyReader(profile.readers)
        return reader

    # The I/O flavour (sync or async): the transports it accepts, and the retrying wrapper
    # that drives the shared engine (RetryTransport or AsyncRetryTransport; each sleeps its
    # flavour's way unless told otherwise).
    _transport_type: ClassVar[type[httpx.BaseTransport] | type[httpx.AsyncBaseTransport]]
    _retry_transport: ClassVar[Any]

    def _http_client(self) -> httpx.Client | httpx.AsyncClient:
        """The generated client's httpx client of this flavour."""
        raise NotImplementedError

    def _request(self, call: Call[Any, Any]) -> Any:
        """Send `call` and read its result (a coroutine of it, in the async flavour)."""
        raise NotImplementedError

    def _httpx_args(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
        sleep: Sleep | AsyncSleep | None,
    ) -> dict[str, Any]:
        if transport is not None and not isinstance(transport, self._transport_type):
            expected = f"httpx.{self._transport_type.__name__}"
            raise TypeError(f"{type(self).__name__} needs an {expected}")
        retrying = self._retry_transport(
            transport,
            self._engine,
            self._check_response,
            sleep=sleep,
            hooks=self._event_hooks,
            max_body=self._max_response_size,
        )
        return {"transport": retrying}

    def _resolve_api_key(self, api_key: str | None) -> str:
        if api_key is not None:
            key = checked_api_key(api_key)
        else:
            variable = self.profile.api_key_env
            key = checked_api_key(os.environ.get(variable, ""), argument=variable)
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
    def strict(self) -> bool:
        return self._strict

    @property
    def last_rate_limit(self) -> RateLimitInfo:
        """Rate-limit and credit headers of the latest response this client (or any of its
        `with_options` copies) received, None where absent. Under concurrency that is
        whichever call finished last; `with_raw_response` gives each call's own."""
        shared = self._shared
        if shared.last_rate_limit is None or shared.last_rate_limit_of is not shared.last_headers:
            shared.last_rate_limit = RateLimitInfo.from_headers(shared.last_headers)
            shared.last_rate_limit_of = shared.last_headers
        return shared.last_rate_limit

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        strict: bool | None = None,
        max_retry_after: float | None = None,
        pace: bool | None = None,
    ) -> Self:
        """A copy with other settings; it shares this client's retry budget, pacing and
        `last_rate_limit`, since both talk to the same account. `timeout=None` means no
        timeout; leaving an argument out keeps this client's setting."""
        return type(self)(
            self._api_key,
            base_url=self._base_url,
            max_retries=self.max_retries if max_retries is None else max_retries,
            timeout=self._timeout if isinstance(timeout, NotGiven) else timeout,
            max_retry_after=(
                self._policy.max_retry_after if max_retry_after is None else max_retry_after
            ),
            pace=self._pace if pace is None else pace,
            strict=self._strict if strict is None else strict,
            max_response_size=self._max_response_size,
            event_hooks=self._event_hooks,
            transport=self._transport_arg,
            clock=self._clock,
            sleep=self._sleep_arg,
            rng=self._rng,
            _shared=self._shared,
        )

    def _invoke(self, operation: str, result: type[Any], *arguments: Any) -> Any:
        """What every generated method does: send `operation` with its `arguments` (media,
        fields, extra_headers, timeout) and read its result (the async flavour hands back the
        request's coroutine, for the generated method to await: no coroutine of its own). A
        facade whose results need the client (MusicGPT's jobs) wraps them through `_wrap_of`."""
        media, fields, extra_headers, timeout = arguments
        model, wrap = self._wrap_of(operation, result)
        call = self._build_call(operation, model, wrap, media, fields)
        if extra_headers is None and isinstance(timeout, NotGiven):
            return self._request(call)
        return self._view(extra_headers=extra_headers, timeout=timeout)._request(call)

    def _wrap_of(self, operation: str, result: type[Any]) -> tuple[type[Any], Any]:
        """The model a result is read into, and what turns it into the result."""
        return result, itself

    def _with(self, extra_headers: Headers | None = None, timeout: Timeout = NOT_GIVEN) -> Self:
        """This client for a call with these per-call options: itself when there are none."""
        if extra_headers is None and isinstance(timeout, NotGiven):
            return self
        return self._view(extra_headers=extra_headers, timeout=timeout)

    def _view(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: Any = NOT_GIVEN,
        responses: list[httpx.Response] | None = None,
    ) -> Self:
        """This client for one call: same pool, engine and state, the call's own options."""
        view = copy.copy(self)
        if extra_headers is not None:
            view._call_headers = {**(self._call_headers or {}), **self._checked(extra_headers)}
        if not isinstance(timeout, NotGiven):
            view._call_timeout = timeout
        if responses is not None:
            view._responses = responses
        return view

    def _checked(self, headers: Mapping[str, str]) -> dict[str, str]:
        """Per-call headers, less the one that carries the key: it is never replaced."""
        if not isinstance(headers, Mapping):
            raise TypeError(f"extra_headers must be a mapping, not {type(headers).__name__}")
        checked = {}
        for name, value in headers.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError("extra_headers names and values must be strings")
            if name.lower() == self._auth_header:
                LOGGER.warning("extra_headers: ignoring %s; the client's API key is sent", name)
                continue
            checked[name] = value
        return checked

    def _request_arguments(self, call: Call[Any, Any]) -> dict[str, Any]:
        """The generated endpoint's request, with this call's headers and timeout."""
        arguments: dict[str, Any] = call.endpoint._get_kwargs(**call.kwargs)
        arguments["url"] = self._absolute_url(arguments["url"])
        # The retry engine reads the operation's facts (idempotency) by this name.
        arguments["extensions"] = {OPERATION: call.operation}
        if self._call_headers is None and isinstance(self._call_timeout, NotGiven):
            return arguments  # the usual call: no per-call options
        if self._call_headers:
            arguments["headers"] = {**arguments.get("headers", {}), **self._call_headers}
        if not isinstance(self._call_timeout, NotGiven):
            timeout = self._call_timeout
            arguments["timeout"] = (
                httpx.Timeout(timeout) if isinstance(timeout, int | float) else timeout
            )
        return arguments

    def _absolute_url(self, path: str) -> httpx.URL:
        """The endpoint's URL on this client's base URL, as httpx joins them, parsed once per
        path: httpx would parse the path and the joined URL again on every request."""
        url = self._shared.urls.get(path)
        if url is None:
            url = self._http_client()._merge_url(path)
            if len(self._shared.urls) < MAX_CACHED_URLS:  # paths with ids in them are many
                self._shared.urls[path] = url
        return url

    def _result(self, call: Call[Any, ResultT], response: httpx.Response) -> ResultT:
        """Read a success response into the call's result; `APIError` when it cannot be."""
        if self._responses is not None:
            self._responses.append(response)
        try:
            if call.model in self._read_models:
                parsed, unknown = self._reader.read(
                    call.model, response.json(), strict=self._strict
                )
                if unknown:
                    self._log_unknown(call.operation, unknown)
            else:  # not a JSON model (a file download): the generated parsing decides
                parsed = call.endpoint._parse_response(client=self._generated, response=response)
                if not isinstance(parsed, call.model):
                    raise UnreadableBody(f"not a {call.model.__name__}")
            return parsed if call.wrap is itself else call.wrap(parsed, response)
        except UnreadableBody as error:
            problem = error.problem
        except PARSING_ERRORS as error:
            problem = _describe(error)
        raise APIError(
            self._scrubber.text(
                f"{call.operation}: the {response.status_code} response body is not the "
                f"{call.model.__name__} the API spec describes ({problem})"
            ),
            request=redacted_request(response.request, self._scrubber),
        )

    def _log_unknown(self, operation: str, unknown: Sequence[UnknownValue]) -> None:
        seen = self._shared.unknown_values_seen
        for value in unknown:
            identity = (operation, value.field, repr(value.value))
            if identity not in seen:
                seen.add(identity)
                LOGGER.info(
                    "%s: %s is %r, a value the spec does not list; read as a plain %s",
                    operation,
                    value.field,
                    value.value,
                    type(value.value).__name__,
                )

    def _ensure_open(self) -> None:
        if self._closed:
            raise BackbeatError(f"this {type(self).__name__} client is closed")

    def _transport_error(self, operation: str, error: httpx.HTTPError) -> APIError:
        """The `BackbeatError` for a failure to get a (whole) response, naming the operation
        and the server; the httpx error it is raised from is scrubbed too."""
        self._scrubber.exception_chain(error)
        request = _request_of(error)
        where = _host_and_port(request.url if request is not None else httpx.URL(self._base_url))
        kept = redacted_request(request, self._scrubber)
        if isinstance(error, BodyTooLarge):
            return ResponseTooLargeError(
                f"{operation}: the response from {where} is larger than "
                f"{describe_size(error.limit)} once decompressed (max_response_size)",
                limit=error.limit,
                request=kept,
            )
        if isinstance(error, httpx.TimeoutException):
            message = f"{operation}: {where} timed out ({_describe(error)})"
            return APITimeoutError(self._scrubber.text(message), request=kept)
        if isinstance(error, httpx.TransportError):
            message = f"{operation}: connection to {where} failed ({_describe(error)})"
            return APIConnectionError(self._scrubber.text(message), request=kept)
        message = f"{operation}: unreadable response from {where} ({_describe(error)})"
        return APIError(self._scrubber.text(message), request=kept)

    def _check_response(self, response: httpx.Response) -> None:
        """The transport's check of a final response (its body read when it is an error):
        keep the rate-limit headers, raise for any non-success status."""
        self._shared.last_headers = response.headers
        if not 200 <= response.status_code < 300:
            raise self._errors.exception_for(response, now=self._clock())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"


class SyncClient(_BaseClient):
    _transport_type = httpx.BaseTransport
    _retry_transport = RetryTransport

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            cast(Sleep, self._sleep_arg or time.sleep)(seconds)

    def _http_client(self) -> httpx.Client:
        client: httpx.Client = self._generated.get_httpx_client()
        return client

    def _request(self, call: Call[Any, ResultT]) -> ResultT:
        if self._closed:
            self._ensure_open()
        arguments = self._request_arguments(call)
        try:
            response = self._http_client().request(**arguments)
        except httpx.HTTPError as error:
            raise self._transport_error(call.operation, error) from error
        return self._result(call, response)

    def _raw(self, run: Callable[[Self], ResultT]) -> RawResponse[ResultT]:
        """`run` (a method call) on a view that keeps the responses: the last one, raw."""
        responses: list[httpx.Response] = []
        view = self._view(responses=responses)
        try:
            result = first_page_fetched(run(view))
        except APIError as error:
            return _raw_of_failure(responses, error)
        return _raw_of(responses, result)

    def close(self) -> None:
        self._closed = True
        self._http_client().close()

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

    def _http_client(self) -> httpx.AsyncClient:
        client: httpx.AsyncClient = self._generated.get_async_httpx_client()
        return client

    async def _request(self, call: Call[Any, ResultT]) -> ResultT:
        if self._closed:
            self._ensure_open()
        arguments = self._request_arguments(call)
        try:
            response = await self._http_client().request(**arguments)
        except httpx.HTTPError as error:
            raise self._transport_error(call.operation, error) from error
        return self._result(call, response)

    async def _raw(self, run: Callable[[Self], Any]) -> RawResponse[Any]:
        """`run` (a method call, awaited or iterated) on a view that keeps the responses."""
        responses: list[httpx.Response] = []
        view = self._view(responses=responses)
        try:
            result = await first_page_fetched_async(run(view))
        except APIError as error:
            return _raw_of_failure(responses, error)
        return _raw_of(responses, result)

    async def close(self) -> None:
        self._closed = True
        await self._http_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def _raw_of(responses: list[httpx.Response], result: ResultT) -> RawResponse[ResultT]:
    if not responses:
        raise BackbeatError("this call made no request, so it has no raw response")
    return RawResponse(responses[-1], returning(result))


def _raw_of_failure(responses: list[httpx.Response], error: APIError) -> RawResponse[Any]:
    """A success response whose body cannot be read is still a raw response: `parse()`
    raises. Anything else (a status error, no response at all) is raised at once."""
    if isinstance(error, APIStatusError | APIConnectionError) or not responses:
        raise error
    return RawResponse(responses[-1], raising(error))


def _checked_hooks(
    hooks: Mapping[str, Sequence[Callable[..., Any]]] | None,
) -> dict[str, list[Callable[..., Any]]]:
    checked: dict[str, list[Callable[..., Any]]] = {"request": [], "response": []}
    for kind, functions in (hooks or {}).items():
        if kind not in checked:
            raise ValueError(f"event_hooks: unknown kind {kind!r} (use 'request' or 'response')")
        checked[kind] = list(functions)
    return checked


def itself(parsed: Any, response: Any) -> Any:
    """The `wrap` of a `Call` whose result is the parsed model as it is."""
    return parsed


def _checked_base_url(given: object, default: str, scrubber: Scrubber) -> str:
    """`base_url` (or its environment variable, or the spec's server) as an absolute http(s)
    URL without a trailing slash; `TypeError` or `ValueError` naming the argument."""
    if given is None or given == "":
        given = default
    if not isinstance(given, str | httpx.URL):
        raise TypeError(f"base_url must be a str, not {type(given).__name__}")
    text = str(given).strip()
    shown = scrubber.text(text)[:100]
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise ValueError(f"base_url {shown!r} is not a URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(
            f"base_url {shown!r} must be an absolute http(s) URL, "
            "such as 'https://api.example.com/v1'"
        )
    return text.rstrip("/")


def _checked_size(size: object) -> int | None:
    if size is None:
        return None
    if isinstance(size, bool) or not isinstance(size, int):
        raise TypeError(f"max_response_size must be an int or None, not {type(size).__name__}")
    if size < 1:
        raise ValueError("max_response_size must be at least 1 byte")
    return size


def _request_of(error: httpx.HTTPError) -> httpx.Request | None:
    try:
        return error.request
    except RuntimeError:  # raised outside any request
        return None


def _host_and_port(url: httpx.URL) -> str:
    port = url.port or {"https": 443, "http": 80}.get(url.scheme)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{host}:{port}" if port else host


# What the generated parsing raises on a body it did not expect (JSONDecodeError is a
# ValueError, as are unknown enum values, bad dates and undocumented status codes).
PARSING_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError)


def _describe(error: Exception) -> str:
    text = str(error)
    return type(error).__name__ + (f": {text[:200]}" if text else "")
