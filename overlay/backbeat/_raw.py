"""`client.with_raw_response.<method>(...)`: the HTTP response of a call, with its result.

This follows the Stainless SDKs' convention: the same methods, called through
`with_raw_response`, return a `RawResponse` whose `parse()` gives the usual result. A method
that makes several requests (`wait_for_conversion` polls, `iter_*` pages) describes the last
request it made before returning; an iterator's raw response is its first page, fetched at
once, and `parse()` iterates from there.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

import httpx

from ._ratelimit import RateLimitInfo

__all__ = [
    "RETRIES_TAKEN",
    "UNTIL_HEADERS",
    "RawResponse",
    "RawResponses",
    "async_iterator_raw_variant",
    "async_raw_variant",
    "raw_variant",
]

ResultT = TypeVar("ResultT")
# A raw response only hands its result out: a RawResponse[ConversionRecord] is a
# RawResponse[Conversion] too.
ResultT_co = TypeVar("ResultT_co", covariant=True)
ItemT = TypeVar("ItemT")
MethodsT = TypeVar("MethodsT")
Params = ParamSpec("Params")
# The retry transport stamps each final response's `extensions` with its retry count.
RETRIES_TAKEN = "backbeat.retries_taken"
# ... and with the seconds from the first attempt's start to the final response's headers.
UNTIL_HEADERS = "backbeat.until_headers"


class RawResponse(Generic[ResultT_co]):
    """One successful call's HTTP response: `status_code`, `headers`, `rate_limit` (the
    `RateLimitInfo` of this response, unlike the client-wide `last_rate_limit`),
    `retries_taken`, `elapsed` (from the first attempt's start to the last byte, waits
    between retries included), and `parse()`, the result the method returns when called
    directly. `parse()` raises the `APIError` of a body that cannot be read."""

    def __init__(self, http_response: httpx.Response, parse: Callable[[], ResultT_co]) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @functools.cached_property
    def rate_limit(self) -> RateLimitInfo:
        return RateLimitInfo.from_headers(self.http_response.headers)

    @property
    def retries_taken(self) -> int:
        return int(self.http_response.extensions.get(RETRIES_TAKEN, 0))

    @property
    def elapsed(self) -> datetime.timedelta:
        try:
            return self.http_response.elapsed
        except RuntimeError:  # a body that was never streamed (a canned response in a test)
            seconds = float(self.http_response.extensions.get(UNTIL_HEADERS, 0.0))
            return datetime.timedelta(seconds=seconds)

    @property
    def url(self) -> httpx.URL:
        return self.http_response.request.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        return json.loads(self.http_response.content)

    def parse(self) -> ResultT_co:
        return self._parse()

    def __repr__(self) -> str:
        return (
            f"<RawResponse {self.method} {self.url.path} {self.status_code}, "
            f"retries_taken={self.retries_taken}>"
        )


class RawResponses(property, Generic[MethodsT]):
    """`client.with_raw_response`: the client's methods, each answering a `RawResponse` (its
    status, headers, rate limits, retries and time, and `parse()` for the usual result); the
    async client's are awaited. A property whose getter builds that object from the client."""

    def __init__(self, methods: Callable[[Any], MethodsT]) -> None:
        super().__init__(methods, doc=type(self).__doc__)

    @overload
    def __get__(self, client: None, owner: type | None = None) -> Self: ...
    @overload
    def __get__(self, client: object, owner: type | None = None) -> MethodsT: ...
    def __get__(self, client: object, owner: type | None = None) -> Self | MethodsT:
        return super().__get__(client, owner)  # type: ignore[no-any-return]


def returning(result: ResultT) -> Callable[[], ResultT]:
    return lambda: result


def raising(error: BaseException) -> Callable[[], Any]:
    def parse() -> Any:
        raise error

    return parse


# The raw variants of a facade's hand-written methods (the generated ones are written out by
# tools/gen_facade.py): `download_track = raw_variant(Trackyard.download_track)` in the raw
# class takes exactly the method's arguments and answers `RawResponse[<its result>]`. The raw
# class holds the client as `_client`; `_raw` runs the call on a view that keeps responses.


def raw_variant(
    method: Callable[Concatenate[Any, Params], ResultT],
) -> Callable[Concatenate[Any, Params], RawResponse[ResultT]]:
    def raw(raw_methods: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> Any:
        return raw_methods._client._raw(lambda client: method(client, *args, **kwargs))

    return functools.wraps(method)(raw)


def async_raw_variant(
    method: Callable[Concatenate[Any, Params], Awaitable[ResultT]],
) -> Callable[Concatenate[Any, Params], Awaitable[RawResponse[ResultT]]]:
    async def raw(raw_methods: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> Any:
        return await raw_methods._client._raw(lambda client: method(client, *args, **kwargs))

    return functools.wraps(method)(raw)


def async_iterator_raw_variant(
    method: Callable[Concatenate[Any, Params], AsyncIterator[ItemT]],
) -> Callable[Concatenate[Any, Params], Awaitable[RawResponse[AsyncIterator[ItemT]]]]:
    """For an async generator method: its first page's response, `parse()` iterating on."""

    async def raw(raw_methods: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> Any:
        return await raw_methods._client._raw(lambda client: method(client, *args, **kwargs))

    return functools.wraps(method)(raw)
