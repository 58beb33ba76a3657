"""Per-call options every public method of a facade takes, declared in its signature:
`extra_headers=` (added to this call's request) and `timeout=` (this call's HTTP timeout;
`None` means none, leaving it out keeps the client's). The generated methods spell them out;
the methods written by hand type them once, as `**options: Unpack[CallOptions]`, and show them
spelled out at run time (`spelled_out`), so `help()` and `inspect` see the same keywords.

A call with options runs on a *view* of the client (`_BaseClient._view`): a shallow copy that
shares everything (connection pool, retry engine, budget) but carries the call's headers,
timeout and, for raw responses, a list that collects the HTTP responses the method receives.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, Final, TypeAlias, TypedDict

import httpx

__all__ = [
    "NOT_GIVEN",
    "CallOptions",
    "Headers",
    "NotGiven",
    "Timeout",
    "first_page_fetched",
    "first_page_fetched_async",
    "spelled_out",
]


class NotGiven:
    """The default of `timeout=`, where None already means "no timeout"."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
Headers: TypeAlias = Mapping[str, str]
Timeout: TypeAlias = float | httpx.Timeout | NotGiven | None


class CallOptions(TypedDict, total=False):
    """The per-call options, as keyword arguments: `**options: Unpack[CallOptions]`."""

    extra_headers: Headers | None
    timeout: Timeout


_OPTION_PARAMETERS = (
    inspect.Parameter("extra_headers", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation="Headers | None"),
    inspect.Parameter("timeout", inspect.Parameter.KEYWORD_ONLY, default=NOT_GIVEN,
                      annotation="Timeout"),
)  # fmt: skip


def spelled_out(function: Callable[..., Any]) -> inspect.Signature:
    """`function`'s signature with its `**options: Unpack[CallOptions]` replaced by the
    keyword parameters they stand for, as a generated method declares them."""
    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())
    if not parameters or "Unpack[CallOptions]" not in str(parameters[-1].annotation):
        return signature
    return signature.replace(parameters=[*parameters[:-1], *_OPTION_PARAMETERS])


def first_page_fetched(result: Any) -> Any:
    """An iterator's first item fetched now (its request made), the rest left lazy."""
    if not isinstance(result, Iterator):
        return result
    try:
        first = next(result)
    except StopIteration:
        return iter(())
    return itertools.chain((first,), result)


async def first_page_fetched_async(result: Any) -> Any:
    if inspect.isawaitable(result):
        return await result
    if not isinstance(result, AsyncIterator):
        return result
    try:
        first = await anext(result)
    except StopAsyncIteration:
        return _empty()

    async def chained() -> AsyncIterator[Any]:
        yield first
        async for item in result:
            yield item

    return chained()


async def _empty() -> AsyncIterator[Any]:
    return
    yield  # pragma: no cover - makes this an async generator
