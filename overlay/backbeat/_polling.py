"""Polling a long-running task until a terminal status: the schedule both I/O modes share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from ._exceptions import BackbeatError

__all__ = ["ConversionFailedError", "ConversionTimeoutError", "Polling"]

RecordT = TypeVar("RecordT")


class ConversionFailedError(BackbeatError):
    """The task ended in a failure status (`ERROR` or `FAILED`); `record` is its last state."""

    def __init__(self, message: str, *, status: str, record: object) -> None:
        super().__init__(message)
        self.status = status
        self.record = record


class ConversionTimeoutError(BackbeatError):
    """The task was still running at the deadline; `record` is its last state."""

    def __init__(self, message: str, *, record: object) -> None:
        super().__init__(message)
        self.record = record


class Polling(Iterator[float], Generic[RecordT]):
    """Iterates over the waits before each poll (0 first, then `interval` growing by `factor`
    up to `max_interval`, never past the deadline); `record` each polled state. Stops at a
    terminal status: `result()` returns the completed record or raises."""

    def __init__(
        self,
        *,
        status_of: Callable[[RecordT], str | None],
        timeout: float,
        interval: float,
        clock: Callable[[], float],
        factor: float = 1.5,
        max_interval: float = 30.0,
    ) -> None:
        if timeout <= 0 or interval <= 0:
            raise ValueError("timeout and poll_interval must be positive")
        self._status_of = status_of
        self._clock = clock
        self._deadline = clock() + timeout
        self.timeout = timeout
        self._next_interval = interval
        self._factor = factor
        self._max_interval = max(max_interval, interval)
        self._record: RecordT | None = None
        self._polls = 0
        self._status: str | None = None

    def __next__(self) -> float:
        if self._polls == 0:
            return 0.0
        if self._finished():
            raise StopIteration
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise StopIteration
        wait = min(self._next_interval, remaining)
        self._next_interval = min(self._next_interval * self._factor, self._max_interval)
        return wait

    def record(self, record: RecordT) -> None:
        self._polls += 1
        self._record = record
        status = self._status_of(record)
        self._status = status.upper() if status else None

    def result(self) -> RecordT:
        if self._record is None:
            raise RuntimeError("result() before any poll was recorded")
        if self._status == "COMPLETED":
            return self._record
        if self._status in ("ERROR", "FAILED"):
            raise ConversionFailedError(
                f"the task ended with status {self._status}",
                status=self._status,
                record=self._record,
            )
        raise ConversionTimeoutError(
            f"the task was still {self._status or 'without a status'} after {self.timeout:g} s",
            record=self._record,
        )

    def raise_if_expired(self, error: BaseException) -> None:
        """A poll that failed past the deadline (cut short by it) means the task did not
        finish in time: `ConversionTimeoutError`, from `error`."""
        if self._clock() >= self._deadline and not self._finished():
            raise ConversionTimeoutError(
                f"the task was still {self._status or 'without a status'} after "
                f"{self.timeout:g} s (the last poll failed: {error})",
                record=self._record,
            ) from error

    def _finished(self) -> bool:
        return self._status in ("COMPLETED", "ERROR", "FAILED")
