"""Time as the sandbox sees it: an injectable clock and whole-second UTC timestamps."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Returns the current time in seconds since the epoch; tests pass a fake one."""

system_clock: Clock = time.time


def timestamp(seconds: float) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix, truncated to whole seconds."""
    return datetime.fromtimestamp(int(seconds), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
