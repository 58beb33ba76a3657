"""Methods written once for both flavours, as sans-IO procedures with two thin drivers.

A facade method that makes more than one request, or does more than send one (polling,
paging, a job's `wait()`), is written once as a *procedure*: a generator that yields each
piece of I/O it needs as a `Step` (a function of no arguments: a call to make, a pause to
take) and is sent back the step's result, or has its error raised where it yielded. The
sync driver (`sync_method`) calls each step; the async one (`async_method`) awaits what the
step returns, which on an async client is a coroutine. An iterating procedure also yields
`Items`; the step after them runs only once they are all taken, so a consumer that stops
early costs no further page.

A method written by hand that makes one request is only its call: a function that builds the
`Call` from the method's arguments, made a procedure by `one_request`.

The drivers keep the procedure's signature (ParamSpec) and docstring, so a strict type
checker and `help()` see the method as written; the async one answers `Awaitable[...]`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from ._options import CallOptions, spelled_out

if TYPE_CHECKING:
    from ._client import Call

__all__ = [
    "Items",
    "Step",
    "async_iterator_method",
    "async_method",
    "one_request",
    "sync_iterator_method",
    "sync_method",
]

Params = ParamSpec("Params")
ResultT = TypeVar("ResultT")
ItemT = TypeVar("ItemT")
Step = Callable[[], Any]
MethodT = TypeVar("MethodT", bound=Callable[..., Any])


class Items(Generic[ItemT]):
    """What an iterating procedure yields to hand out a batch of items."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[ItemT]) -> None:
        self.items = items


Procedure = Callable[Concatenate[Any, Params], Generator[Step, Any, ResultT]]
IteratingProcedure = Callable[Concatenate[Any, Params], Generator["Step | Items[ItemT]", Any, None]]


class _Run(Generic[ResultT]):
    """One run of a procedure: the step it waits on (None once it has returned) and what it
    returned."""

    __slots__ = ("_steps", "result", "step")

    def __init__(self, steps: Generator[Any, Any, ResultT]) -> None:
        self._steps = steps
        self.result: Any = None
        self.step: Any = None
        self._advance(steps.send, None)

    def finish(self) -> ResultT:
        """Run every step here (the sync way); what the procedure returns."""
        while self.step is not None:
            self.take()
        result: ResultT = self.result
        return result

    async def finish_async(self) -> ResultT:
        while self.step is not None:
            await self.take_async()
        result: ResultT = self.result
        return result

    def send(self, value: object) -> None:
        self._advance(self._steps.send, value)

    def fail(self, error: Exception) -> None:
        self._advance(self._steps.throw, error)

    def handed_out(self) -> Sequence[Any]:
        """The items the procedure yields, and it resumed (up to its next step: the step is
        not run before the items are all taken)."""
        items: Sequence[Any] = self.step.items
        self.send(None)
        return items

    def take(self) -> None:
        """Run the current step here (the sync way) and resume with what it gives."""
        try:
            value = self.step()
        except Exception as error:
            self.fail(error)
        else:
            self.send(value)

    async def take_async(self) -> None:
        """Await the current step's result and resume with it."""
        try:
            value = await self.step()
        except Exception as error:
            self.fail(error)
        else:
            self.send(value)

    def _advance(self, resume: Callable[[Any], Any], value: Any) -> None:
        try:
            self.step = resume(value)
        except StopIteration as returned:
            self.step = None
            self.result = returned.value


def one_request(build: Callable[Params, Call[Any, ResultT]]) -> Procedure[Params, ResultT]:
    """The procedure of a method that sends the one call `build` makes from its arguments.
    `build` declares the per-call options (`**options: Unpack[CallOptions]`), so the method
    shows them; they apply to the client the call is sent on."""

    def procedure(
        client: Any, /, *args: Params.args, **kwargs: Params.kwargs
    ) -> Generator[Step, Any, ResultT]:
        options = {name: kwargs.pop(name) for name in CallOptions.__annotations__ if name in kwargs}
        call = build(*args, **kwargs)
        result: ResultT = yield lambda: client._with(**options)._request(call)
        return result

    functools.update_wrapper(procedure, build)
    signature = inspect.signature(build)
    sender = inspect.Parameter("client", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="Any")
    parameters = [sender, *signature.parameters.values()]
    procedure.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=inspect.Signature.empty
    )
    return procedure


def _as_method(procedure: Callable[..., Any], method: MethodT) -> MethodT:
    """`method`, named, documented and signed as `procedure` (its per-call options spelled
    out)."""
    functools.update_wrapper(method, procedure)
    method.__signature__ = spelled_out(procedure)  # type: ignore[attr-defined]
    return method


def sync_method(
    procedure: Procedure[Params, ResultT],
) -> Callable[Concatenate[Any, Params], ResultT]:
    def method(self: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> ResultT:
        return _Run(procedure(self, *args, **kwargs)).finish()

    return _as_method(procedure, method)


def async_method(
    procedure: Procedure[Params, ResultT],
) -> Callable[Concatenate[Any, Params], Awaitable[ResultT]]:
    async def method(self: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> ResultT:
        return await _Run(procedure(self, *args, **kwargs)).finish_async()

    return _as_method(procedure, method)


def sync_iterator_method(
    procedure: IteratingProcedure[Params, ItemT],
) -> Callable[Concatenate[Any, Params], Iterator[ItemT]]:
    def method(self: Any, /, *args: Params.args, **kwargs: Params.kwargs) -> Iterator[ItemT]:
        run = _Run(procedure(self, *args, **kwargs))
        while run.step is not None:
            if isinstance(run.step, Items):
                yield from run.handed_out()
            else:
                run.take()

    return _as_method(procedure, method)


def async_iterator_method(
    procedure: IteratingProcedure[Params, ItemT],
) -> Callable[Concatenate[Any, Params], AsyncIterator[ItemT]]:
    async def method(
        self: Any, /, *args: Params.args, **kwargs: Params.kwargs
    ) -> AsyncIterator[ItemT]:
        run = _Run(procedure(self, *args, **kwargs))
        while run.step is not None:
            if not isinstance(run.step, Items):
                await run.take_async()
                continue
            for item in run.handed_out():
                yield item

    return _as_method(procedure, method)
