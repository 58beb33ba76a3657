"""Interleaved runs: contenders take turns in rounds, so machine noise hits them alike.

Sync: each round runs `per_round` sequential calls of every contender in turn and keeps the
median time per call. Async: each round runs `tasks` concurrent tasks of `per_task` calls per
contender and keeps the throughput. Each round starts with the next contender, so none always
goes first or last; the first round is a warm-up and is not kept. Rounds should last about a
second: while the others take their turn a contender's pooled connections sit idle, and a
server's keep-alive timeout (uvicorn: 5 s) would close them under it, which a raw client
reports as a `ReadError`.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "AsyncContender",
    "SyncContender",
    "async_round",
    "interleave_async",
    "interleave_sync",
    "ratios",
]


@dataclass(frozen=True)
class SyncContender:
    name: str
    call: Callable[[], object]


@dataclass(frozen=True)
class AsyncContender:
    name: str
    call: Callable[[], Awaitable[object]]


ContenderT = TypeVar("ContenderT", SyncContender, AsyncContender)


def interleave_sync(
    contenders: Sequence[SyncContender],
    *,
    calls: int,
    per_round: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """Per contender, the median seconds per call of each kept round (`calls` calls in all).
    `clock=time.thread_time` counts this thread's CPU time only: neither the peer's time nor
    other processes' load."""
    medians: dict[str, list[float]] = {contender.name: [] for contender in contenders}
    rounds = math.ceil(calls / per_round)
    for round_number in range(rounds + 1):
        for contender in _rotated(contenders, round_number):
            median = _median_call_time(contender.call, per_round, clock)
            if round_number > 0:
                medians[contender.name].append(median)
    return medians


async def interleave_async(
    contenders: Sequence[AsyncContender],
    *,
    calls: int,
    tasks: int,
    per_task: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """Per contender, the calls per second of each kept round (at least `calls` in all).
    `clock=time.thread_time` gives calls per CPU-second of the event loop's thread: the client's
    own cost, whatever the server and the machine's other load do."""
    throughputs: dict[str, list[float]] = {contender.name: [] for contender in contenders}
    rounds = math.ceil(calls / (tasks * per_task))
    for round_number in range(rounds + 1):
        for contender in _rotated(contenders, round_number):
            throughput = await async_round(contender.call, tasks, per_task, clock)
            if round_number > 0:
                throughputs[contender.name].append(throughput)
    return throughputs


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Round-by-round ratios: each pair was measured side by side."""
    return [top / bottom for top, bottom in zip(numerators, denominators, strict=True)]


def _rotated(contenders: Sequence[ContenderT], round_number: int) -> list[ContenderT]:
    """Each round starts with the next contender, so no one always runs first or last."""
    shift = round_number % len(contenders)
    return list(contenders[shift:]) + list(contenders[:shift])


def _median_call_time(call: Callable[[], object], count: int, clock: Callable[[], float]) -> float:
    times = []
    for _ in range(count):
        started = clock()
        call()
        times.append(clock() - started)
    return statistics.median(times)


async def async_round(
    call: Callable[[], Awaitable[object]],
    tasks: int,
    per_task: int,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """`tasks` concurrent tasks of `per_task` calls each; the calls per second of `clock`."""

    async def worker() -> None:
        for _ in range(per_task):
            await call()

    started = clock()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    return tasks * per_task / (clock() - started)
