"""cProfile figures for a missed target: where the time goes, by package and by function.

Self time is grouped by the package its code lives in (the overlay, the generated client,
httpx, httpcore, the stdlib module...), and divided by the number of calls profiled, so two
clients or two servers can be compared per call.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["breakdown_table", "by_package", "hottest", "profile_calls"]

STDLIB = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
SOURCE_ROOTS = ("generated", "overlay", "sandbox")
# C functions that block until the peer answers: their time is the other side's, not ours.
BLOCKING_CALLS = ("'recv", "'select'", "'poll'", "'epoll", "'accept")
WAITING = "(waiting on the socket: the peer's time)"


def profile_calls(call: Callable[[], object], count: int) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        call()
    profiler.disable()
    return pstats.Stats(profiler)


def by_package(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of self time per package."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, function), row in _rows(stats).items():
        totals[package_of(filename, function)] += row[2]
    return dict(totals)


def package_of(filename: str, function: str = "") -> str:
    if filename == "~" or filename.startswith("<"):
        blocking = any(word in function for word in BLOCKING_CALLS)
        return WAITING if blocking else "builtins (C code)"
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    for root in SOURCE_ROOTS:
        if root in parts and parts.index(root) + 1 < len(parts):
            return parts[parts.index(root) + 1].removesuffix(".py")
    if Path(filename).is_relative_to(STDLIB):
        return "stdlib " + Path(filename).relative_to(STDLIB).parts[0].removesuffix(".py")
    return Path(filename).name


def breakdown_table(
    profiles: Mapping[str, tuple[pstats.Stats, int]],
    *,
    baseline: pstats.Stats | None = None,
    top: int = 12,
) -> str:
    """A markdown table: microseconds of self time per call, by package, one column per
    profile (`name -> (stats, calls profiled)`), the biggest packages first. `baseline` (a
    profile of the same process doing no calls: start-up, shut-down) is subtracted first."""
    fixed = by_package(baseline) if baseline is not None else {}
    columns = {
        name: {
            package: max(0.0, spent - fixed.get(package, 0.0))
            for package, spent in by_package(stats).items()
        }
        for name, (stats, _) in profiles.items()
    }
    calls = {name: count for name, (_, count) in profiles.items()}
    packages = sorted(
        {package for column in columns.values() for package in column},
        key=lambda package: -max(column.get(package, 0.0) for column in columns.values()),
    )
    lines = [
        "| package (self time, µs per call) | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for package in packages[:top]:
        cells = [f"{columns[name].get(package, 0.0) / calls[name] * 1e6:.1f}" for name in columns]
        lines.append(f"| {package} | " + " | ".join(cells) + " |")
    busy = [
        f"{(sum(columns[name].values()) - columns[name].get(WAITING, 0.0)) / calls[name] * 1e6:.1f}"
        for name in columns
    ]
    lines.append("| **total, less the waiting** | " + " | ".join(busy) + " |")
    return "\n".join(lines)


def _less(totals: Mapping[str, float], fixed: Mapping[str, float]) -> dict[str, float]:
    return {package: max(0.0, spent - fixed.get(package, 0.0)) for package, spent in totals.items()}


def hottest(
    stats: pstats.Stats, calls: int, *, baseline: pstats.Stats | None = None, limit: int = 20
) -> str:
    """The functions with the most self time per call (less `baseline`'s), as a text table."""
    fixed = _rows(baseline) if baseline is not None else {}
    spent = []
    for key, (_, count, self_time, _) in _rows(stats).items():
        _, base_count, base_time, _ = fixed.get(key, (0, 0, 0.0, 0.0))
        if self_time - base_time > 0:
            spent.append((self_time - base_time, count - base_count, key))
    spent.sort(reverse=True)
    lines = [f"{'self µs/call':>12}  {'calls/call':>10}  function"]
    for self_time, count, (filename, line, function) in spent[:limit]:
        where = f"{Path(filename).name}:{line}" if filename != "~" else "(C)"
        lines.append(f"{self_time / calls * 1e6:12.1f}  {count / calls:10.2f}  {where} {function}")
    return "\n".join(lines)


def _rows(stats: pstats.Stats) -> dict[tuple[str, int, str], tuple[int, int, float, float]]:
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    raw = stats.stats  # type: ignore[attr-defined]
    return {key: value[:4] for key, value in raw.items()}
