"""Client-side pacing: stay under the server's per-minute limit instead of meeting its 429s.

The limit is learned from `X-RateLimit-Limit` and `X-RateLimit-Remaining` on every response.
Each send reserves a slot in a sliding one-minute log; a send that would be one too many
waits until the oldest slot ages out. When the server reports fewer requests left than this
client has in flight (other processes share the key), sends wait out a whole window.
"""

from __future__ import annotations

import bisect
import threading

from ._ratelimit import RateLimitInfo

__all__ = ["Pacer"]


class Pacer:
    """Thread-safe; `reserve` is called right before each attempt, `observe` after it."""

    def __init__(self, window: float = 60.0) -> None:
        self.window = window
        self.limit: int | None = None
        self._sends: list[float] = []
        self._remaining: int | None = None
        self._observed_at = 0.0
        self._lock = threading.Lock()

    def reserve(self, now: float, *, not_before: float = 0.0) -> float:
        """Book a send slot and return how long to wait for it (at least `not_before`)."""
        with self._lock:
            self._forget_before(now - self.window)
            moment = self._first_free_slot(now + not_before)
            bisect.insort(self._sends, moment)
            return moment - now

    def observe(self, info: RateLimitInfo, now: float) -> None:
        with self._lock:
            if info.limit is not None and info.limit > 0:
                self.limit = info.limit
            if info.remaining is not None and info.remaining >= 0:
                self._remaining = info.remaining
                self._observed_at = now

    def _first_free_slot(self, moment: float) -> float:
        if self.limit is None:
            return moment
        while True:
            recent = self._sends[bisect.bisect_right(self._sends, moment - self.window) :]
            if len(recent) >= self.limit:
                moment = recent[len(recent) - self.limit] + self.window
                continue
            if self._server_window_spent(moment):
                moment = self._observed_at + self.window
                continue
            return moment

    def _server_window_spent(self, moment: float) -> bool:
        if self._remaining is None or moment >= self._observed_at + self.window:
            return False
        booked_since = len(self._sends) - bisect.bisect_right(self._sends, self._observed_at)
        return booked_since >= self._remaining

    def _forget_before(self, moment: float) -> None:
        del self._sends[: bisect.bisect_left(self._sends, moment)]
