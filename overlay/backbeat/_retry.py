"""Retry policy: what is retried, when, and after how long. Pure: no I/O, no clock reads."""

from __future__ import annotations

import datetime
import email.utils
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

__all__ = ["Decision", "RetryPolicy", "parse_retry_after"]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses a non-idempotent request may be retried on: the server refused it before acting.
REFUSED_STATUSES = frozenset({429})
# Failures that prove the request never left this machine, so even a POST is safe to resend.
NEVER_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Failures in the middle of an exchange: the server may have acted on the request.
INTERRUPTED_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.CloseError,
)


@dataclass(frozen=True)
class Decision:
    """What to do after a failed attempt: `wait` seconds then retry, or stop when None."""

    wait: float | None
    reason: str
    is_timeout: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter, capped; `Retry-After` wins when it is reasonable."""

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.max_retry_after < 0:
            raise ValueError("max_retry_after must be >= 0")

    def backoff(self, retry_number: int, rng: random.Random) -> float:
        """Wait before retry `retry_number` (1-based): 0.5, 1, 2, 4, 8, 8, ... less jitter."""
        doublings = min(retry_number - 1, 64)  # past the cap anyway; 2.0**1024 would overflow
        base = min(self.initial_backoff * 2.0**doublings, self.max_backoff)
        return base * (1.0 - self.jitter * rng.random())

    def after_response(
        self,
        response: httpx.Response,
        *,
        idempotent: bool,
        retry_number: int,
        now: float,
        rng: random.Random,
    ) -> Decision:
        status = response.status_code
        reason = f"status {status}"
        allowed = RETRYABLE_STATUSES if idempotent else REFUSED_STATUSES
        if status not in allowed or retry_number > self.max_retries:
            return Decision(None, reason)
        requested = parse_retry_after(response.headers, now=now)
        if requested is None:
            return Decision(self.backoff(retry_number, rng), reason)
        if requested > self.max_retry_after:
            return Decision(None, f"{reason}, Retry-After {requested:g}s exceeds the maximum")
        return Decision(requested, reason)

    def after_error(
        self,
        error: httpx.TransportError,
        *,
        idempotent: bool,
        retry_number: int,
        rng: random.Random,
    ) -> Decision:
        reason = f"{type(error).__name__}: {error}"
        is_timeout = isinstance(error, httpx.TimeoutException)
        retryable = isinstance(error, NEVER_SENT_ERRORS) or (
            idempotent and isinstance(error, INTERRUPTED_ERRORS)
        )
        if not retryable or retry_number > self.max_retries:
            return Decision(None, reason, is_timeout)
        return Decision(self.backoff(retry_number, rng), reason, is_timeout)


def parse_retry_after(headers: Mapping[str, str], *, now: float) -> float | None:
    """Seconds the server asks to wait: `retry-after-ms`, then `Retry-After` (seconds or date).

    Unparsable, negative or non-finite values count as absent. `now` is a Unix timestamp, used
    to turn an HTTP-date into a delay.
    """
    milliseconds = _finite_non_negative(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _finite_non_negative(value)
    if seconds is not None:
        return seconds
    return _seconds_until_http_date(value, now=now)


def _finite_non_negative(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return number


def _seconds_until_http_date(value: str, *, now: float) -> float | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000" parses zone-less; HTTP-dates are always GMT
        moment = moment.replace(tzinfo=datetime.UTC)
    return max(0.0, moment.timestamp() - now)
