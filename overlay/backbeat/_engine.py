"""The retry engine: one policy loop, driven by the sync and the async transport alike.

`RetryEngine.attempts(request)` returns the `Attempts` of one request, a state machine with no
I/O of its own. While `attempts.more`, the transport closes `attempts.stale` (the response
being retried), sleeps `attempts.wait`, calls `start()` (the attempt's clock and deadline),
sends, and reports the outcome with `answered(response)` or `failed(error)`; `result()` then
returns the final response (stamped with its retry count and time) or raises the final error.
At DEBUG level each attempt is logged with its decision: method, path (never the query or any
header), status, time. Both transports share every decision: idempotency, backoff,
`Retry-After`, budget, pacing and the call deadline (no retry waits past it).
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ._budget import RetryBudget
from ._deadline import remaining_call_time, start_attempt
from ._logging import LOGGER
from ._pacing import Pacer
from ._ratelimit import RateLimitInfo
from ._raw import RETRIES_TAKEN, UNTIL_HEADERS
from ._retry import Decision, RetryPolicy
from ._routing import Operation, OperationTable

__all__ = ["Attempts", "RetryEngine"]

Outcome = httpx.Response | httpx.TransportError
_perf_counter = time.perf_counter


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


class Attempts:
    """The attempts of one request; see the module docstring for the protocol."""

    def __init__(self, engine: RetryEngine, request: httpx.Request) -> None:
        self._engine = engine
        self._request = request
        self._first_started = self._started = _perf_counter()
        self._outcome: Outcome | None = None
        self._retry_cost_paid: int | None = None
        self.retries = 0
        self.more = True
        self.stale: httpx.Response | None = None
        self.wait = 0.0 if engine.pacer is None else self._paced(0.0)

    def start(self) -> None:
        """The attempt begins: its clock, and its deadline (`_deadline`)."""
        self._started = _perf_counter()
        start_attempt(self._request)

    def answered(self, response: httpx.Response) -> None:
        self._outcome = response
        engine = self._engine
        if engine.pacer is not None:
            engine.pacer.observe(RateLimitInfo.from_headers(response.headers), engine.clock())
        if 200 <= response.status_code < 300:  # is_success, without its calls
            engine.budget.record_success(self._retry_cost_paid)
            self.more = False
            if LOGGER.isEnabledFor(logging.DEBUG):
                self._log_attempt("done")
            return
        self._decide_next(response)

    def failed(self, error: httpx.TransportError) -> None:
        self._outcome = error
        self._decide_next(error)

    def result(self) -> httpx.Response:
        """The final response, stamped with its retry count and the time until its headers;
        the final error raised."""
        outcome = self._outcome
        if outcome is None:
            raise RuntimeError("result() before any attempt was recorded")
        if isinstance(outcome, httpx.TransportError):
            raise outcome
        extensions = outcome.extensions
        extensions[RETRIES_TAKEN] = self.retries
        extensions[UNTIL_HEADERS] = _perf_counter() - self._first_started
        return outcome

    def _decide_next(self, outcome: Outcome) -> None:
        self.more = False
        self.stale = None
        decision = self._decide(outcome)
        if decision.wait is None or not self._pay_for(decision):
            if LOGGER.isEnabledFor(logging.DEBUG):
                self._log_attempt(f"not retried ({decision.reason})")
            return
        wait = self._paced(decision.wait)
        remaining = remaining_call_time()
        if wait > 0 and remaining is not None and wait >= remaining:
            if LOGGER.isEnabledFor(logging.DEBUG):
                self._log_attempt("not retried (the wait would end past the call deadline)")
            return  # the last outcome stands
        if LOGGER.isEnabledFor(logging.DEBUG):
            self._log_attempt(f"retrying in {wait:.2f} s ({decision.reason})")
        self.retries += 1
        LOGGER.info(
            "retrying %s: attempt %d of %d in %.2f s after %s",
            self._operation.name,
            self.retries + 1,
            self._engine.policy.max_retries + 1,
            wait,
            decision.reason,
        )
        self.more = True
        self.wait = wait
        self.stale = outcome if isinstance(outcome, httpx.Response) else None

    @functools.cached_property
    def _operation(self) -> Operation:
        """Needed only to decide on a retry or to log: a first success never looks it up."""
        return self._engine.operations.match(self._request)

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
            self.retries + 1,
            self._request.method,
            self._request.url.path,
            result,
            (_perf_counter() - self._started) * 1000,
            what_next,
        )

    def _decide(self, outcome: Outcome) -> Decision:
        policy, rng = self._engine.policy, self._engine.rng
        idempotent, retry_number = self._operation.idempotent, self.retries + 1
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
