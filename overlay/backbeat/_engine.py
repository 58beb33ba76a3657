"""The retry engine: one policy loop, driven by the sync and the async transport alike.

`RetryEngine.attempts(request)` returns an iterator of `Attempt`s. The transport sleeps
`attempt.wait`, closes `attempt.stale` (the response being retried), sends, and feeds the
outcome back with `record` (with the time the attempt took); the iterator ends when the
outcome is final and `result()` returns it (or raises it). At DEBUG level each attempt is
logged with its decision: method, path (never the query or any header), status, time.
The engine itself never sleeps and never does I/O, so both transports share every
decision: idempotency, backoff, `Retry-After`, budget and pacing.
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import httpx

from ._budget import RetryBudget
from ._logging import LOGGER
from ._pacing import Pacer
from ._ratelimit import RateLimitInfo
from ._retry import Decision, RetryPolicy
from ._routing import Operation, OperationTable

__all__ = ["Attempt", "Attempts", "RetryEngine"]

Outcome = httpx.Response | httpx.TransportError


@dataclass(frozen=True)
class Attempt:
    wait: float
    stale: httpx.Response | None = None


@dataclass(frozen=True)
class RetryEngine:
    policy: RetryPolicy
    budget: RetryBudget
    operations: OperationTable
    clock: Callable[[], float]
    rng: random.Random
    pacer: Pacer | None = None

    def attempts(self, request: httpx.Request) -> Attempts:
        return Attempts(self, request)


_AT_ONCE = Attempt(0.0)


class Attempts(Iterable[Attempt]):
    """The attempts of one request; see the module docstring for the protocol."""

    def __init__(self, engine: RetryEngine, request: httpx.Request) -> None:
        self._engine = engine
        self._request = request
        self._elapsed = 0.0
        self._outcome: Outcome | None = None
        self._succeeded = False
        self._retries = 0
        self._retry_cost_paid: int | None = None

    def __iter__(self) -> Iterator[Attempt]:
        # A generator: ending the usual single attempt costs no StopIteration of our own.
        yield _AT_ONCE if self._engine.pacer is None else Attempt(self._paced(0.0))
        while True:
            outcome = self._outcome
            if outcome is None:
                return
            if self._succeeded:
                if LOGGER.isEnabledFor(logging.DEBUG):
                    self._log_attempt("done")
                return
            decision = self._decide(outcome)
            if decision.wait is None or not self._pay_for(decision):
                if LOGGER.isEnabledFor(logging.DEBUG):
                    self._log_attempt(f"not retried ({decision.reason})")
                return
            wait = self._paced(decision.wait)
            if LOGGER.isEnabledFor(logging.DEBUG):
                self._log_attempt(f"retrying in {wait:.2f} s ({decision.reason})")
            self._retries += 1
            LOGGER.info(
                "retrying %s: attempt %d of %d in %.2f s after %s",
                self._operation.name,
                self._retries + 1,
                self._engine.policy.max_retries + 1,
                wait,
                decision.reason,
            )
            yield Attempt(wait, outcome if isinstance(outcome, httpx.Response) else None)

    @functools.cached_property
    def _operation(self) -> Operation:
        """Needed only to decide on a retry or to log: a first success never looks it up."""
        return self._engine.operations.match(self._request)

    @property
    def retries(self) -> int:
        return self._retries

    def record(self, outcome: Outcome, elapsed: float = 0.0) -> None:
        self._outcome = outcome
        self._elapsed = elapsed
        if not isinstance(outcome, httpx.Response):
            self._succeeded = False
            return
        if self._engine.pacer is not None:
            info = RateLimitInfo.from_headers(outcome.headers)
            self._engine.pacer.observe(info, self._engine.clock())
        self._succeeded = 200 <= outcome.status_code < 300  # is_success, without its calls
        if self._succeeded:
            self._engine.budget.record_success(self._retry_cost_paid)

    def result(self) -> httpx.Response:
        if self._outcome is None:
            raise RuntimeError("result() before any attempt was recorded")
        if isinstance(self._outcome, httpx.TransportError):
            raise self._outcome
        return self._outcome

    def _log_attempt(self, what_next: str) -> None:
        outcome = self._outcome
        result = (
            f"{outcome.status_code}"
            if isinstance(outcome, httpx.Response)
            else type(outcome).__name__
        )
        LOGGER.debug(
            "%s attempt %d: %s %s -> %s in %.1f ms; %s",
            self._operation.name,
            self._retries + 1,
            self._request.method,
            self._request.url.path,
            result,
            self._elapsed * 1000,
            what_next,
        )

    def _decide(self, outcome: Outcome) -> Decision:
        policy, rng = self._engine.policy, self._engine.rng
        idempotent, retry_number = self._operation.idempotent, self._retries + 1
        if isinstance(outcome, httpx.Response):
            return policy.after_response(
                outcome,
                idempotent=idempotent,
                retry_number=retry_number,
                now=self._engine.clock(),
                rng=rng,
            )
        return policy.after_error(
            outcome, idempotent=idempotent, retry_number=retry_number, rng=rng
        )

    def _pay_for(self, decision: Decision) -> bool:
        cost = self._engine.budget.acquire(after_timeout=decision.is_timeout)
        if cost is None:
            LOGGER.info(
                "not retrying %s after %s: the client's retry budget is spent",
                self._operation.name,
                decision.reason,
            )
            return False
        self._retry_cost_paid = cost
        return True

    def _paced(self, wait: float) -> float:
        pacer = self._engine.pacer
        return wait if pacer is None else pacer.reserve(self._engine.clock(), not_before=wait)
