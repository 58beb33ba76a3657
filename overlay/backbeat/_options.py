"""Per-call options and raw responses for every public method of a facade, with no
per-method code: `SyncClient` and `AsyncClient` wrap each public method of a facade class
when the class is created (`accepting_call_options`), so a method added later gets
`extra_headers=` and `timeout=` too, and `with_raw_response` can call it.

A call with options runs the method on a *view* of the client: a shallow copy that shares
everything (connection pool, retry engine, budget) but carries the call's headers, timeout
and, for raw responses, a list that collects the HTTP responses the method receives.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import re
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, Final

import httpx

__all__ = [
    "NOT_GIVEN",
    "NotGiven",
    "accepting_call_options",
    "first_page_fetched",
    "is_api_method",
    "own_parameters",
]


class NotGiven:
    """The default of `timeout=`, where None already means "no timeout"."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
Timeout = float | httpx.Timeout | None | NotGiven
API_METHOD = "__backbeat_api_method__"
_UNPACKED = re.compile(r"Unpack\[(\w+)\]")


def is_api_method(function: object) -> bool:
    return bool(getattr(function, API_METHOD, False))


def own_parameters(function: Callable[..., Any]) -> frozenset[str]:
    """The keyword names a method takes itself, `**options: Unpack[SomeTypedDict]` included,
    so that a method's own `timeout` (e.g. how long to wait for a task) wins over the
    per-call HTTP timeout."""
    names = set()
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD:
            names.add(parameter.name)
            continue
        annotation = parameter.annotation
        match = _UNPACKED.search(annotation if isinstance(annotation, str) else repr(annotation))
        typed_dict = function.__globals__.get(match.group(1)) if match else None
        names.update(getattr(typed_dict, "__annotations__", {}))
    return frozenset(names)


def accepting_call_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, also taking `extra_headers=` and `timeout=` (unless it has a parameter
    of that name itself) and running on a view of the client when either is given."""
    takes_timeout = "timeout" not in own_parameters(function)

    def options_of(kwargs: dict[str, Any]) -> tuple[Mapping[str, str] | None, Timeout]:
        headers = kwargs.pop("extra_headers", None)
        timeout = kwargs.pop("timeout", NOT_GIVEN) if takes_timeout else NOT_GIVEN
        return headers, timeout

    def target(client: Any, kwargs: dict[str, Any]) -> Any:
        headers, timeout = options_of(kwargs)
        if headers is None and timeout is NOT_GIVEN:
            return client
        return client._view(extra_headers=headers, timeout=timeout)

    if inspect.iscoroutinefunction(function):

        async def wrapped_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            return await function(target(self, kwargs), *args, **kwargs)

        wrapper: Callable[..., Any] = wrapped_async
    else:

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            return function(target(self, kwargs), *args, **kwargs)

        wrapper = wrapped
    functools.update_wrapper(wrapper, function)
    wrapper.__signature__ = _with_option_parameters(function, takes_timeout)  # type: ignore[attr-defined]
    setattr(wrapper, API_METHOD, True)
    return wrapper


def _with_option_parameters(function: Callable[..., Any], takes_timeout: bool) -> inspect.Signature:
    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())
    at = next(
        (i for i, p in enumerate(parameters) if p.kind is inspect.Parameter.VAR_KEYWORD),
        len(parameters),
    )
    added = [inspect.Parameter("extra_headers", inspect.Parameter.KEYWORD_ONLY, default=None)]
    if takes_timeout:
        added.append(
            inspect.Parameter("timeout", inspect.Parameter.KEYWORD_ONLY, default=NOT_GIVEN)
        )
    return signature.replace(parameters=[*parameters[:at], *added, *parameters[at:]])


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
