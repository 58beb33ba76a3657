"""Time as the sandbox sees it: an injectable clock and whole-second UTC timestamps."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Returns the current time in seconds since the epoch; tests pass a fake one."""

system_clock: Clock = time.time


def timestamp(seconds: float) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix, truncated to whole seconds."""
    return _whole_second(int(seconds))


@functools.lru_cache(maxsize=1024)  # the same few seconds are formatted over and over
def _whole_second(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
