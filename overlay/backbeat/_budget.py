"""A client-wide retry budget: a token bucket as in botocore's "standard" retry mode.

Retries are paid from a shared bucket (5 tokens, 10 after a timeout) and successes refill
it, so when a whole service is failing the client stops multiplying the load by
`max_retries` and fails fast instead.
"""

from __future__ import annotations

import threading

__all__ = ["RetryBudget"]


class RetryBudget:
    """Thread-safe token bucket; shared by every call of a client and its `with_options` copies."""

    def __init__(
        self,
        capacity: int = 500,
        *,
        retry_cost: int = 5,
        timeout_retry_cost: int = 10,
        success_refund: int = 1,
    ) -> None:
        self.capacity = capacity
        self.retry_cost = retry_cost
        self.timeout_retry_cost = timeout_retry_cost
        self.success_refund = success_refund
        self._available = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        return self._available

    def acquire(self, *, after_timeout: bool) -> int | None:
        """Take the price of one retry; None (take nothing) when the bucket cannot pay it."""
        cost = self.timeout_retry_cost if after_timeout else self.retry_cost
        with self._lock:
            if cost > self._available:
                return None
            self._available -= cost
            return cost

    def record_success(self, retry_cost_paid: int | None) -> None:
        """Refill after a success: the retry's own price when a retry succeeded, else 1."""
        if retry_cost_paid is None and self._available >= self.capacity:
            return  # full: the usual case, and no lock needed to leave it full
        refund = self.success_refund if retry_cost_paid is None else retry_cost_paid
        with self._lock:
            self._available = min(self.capacity, self._available + refund)

    def __repr__(self) -> str:
        return f"RetryBudget(available={self._available}, capacity={self.capacity})"
