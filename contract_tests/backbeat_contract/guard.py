"""The one door every request of the suite goes through, schemathesis' included.

`GuardedSession` is a `requests.Session` that, in the live profile, refuses paid calls once the
credit budget would be exceeded (costs read from the spec's `x-credit-cost`) and paces requests to
the rate limit the server announces in its headers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from backbeat_contract import meters
from backbeat_contract.spec import Spec

MAX_WAIT_SECONDS = 120.0
# An event stream (text/event-stream) may never end, and a run must: its body is what arrives
# within this long (enough for its first events), then the connection is closed.
EVENT_STREAM_SECONDS = 3.0


class BudgetSpent(Exception):
    """A paid call was refused: the run's credit budget would be exceeded."""


class QuotaSpent(Exception):
    """The server asked us to wait longer than a run can: the key's window is spent."""


@dataclass
class CreditBudget:
    """Credits spent so far: the larger of what successful paid calls cost per the spec and
    what the server's balance header says was taken (a server may charge failures)."""

    limit: int | None
    counted: int = 0
    _first_balance: dict[str, int] = field(default_factory=dict, repr=False)
    _last_balance: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def spent(self) -> int:
        observed = sum(self._first_balance[k] - self._last_balance[k] for k in self._first_balance)
        return max(self.counted, observed)

    def admit(self, cost: int) -> None:
        if self.limit is not None and cost and self.spent + cost > self.limit:
            raise BudgetSpent(
                f"credit budget of {self.limit} spent ({self.spent} used); "
                f"a call costing {cost} was not sent"
            )

    def record(self, cost: int, status: int, account: str, balance: int | None) -> None:
        if 200 <= status < 300:
            self.counted += cost
        if balance is not None:
            self._first_balance.setdefault(account, balance)
            self._last_balance[account] = balance


@dataclass
class Throttle:
    """Keeps to the per-minute limit announced by the server; never waits without bound."""

    limit_header: str | None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    interval: float = 0.0
    _last: float | None = None

    def wait(self) -> None:
        if self._last is not None and self.interval:
            delay = self._last + self.interval - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last = self.clock()

    def learn(self, response: requests.Response) -> None:
        limit = meters.read(response.headers, "limit", (self.limit_header,))
        if limit:
            window = meters.window_seconds(response.headers) or 60
            self.interval = window / limit
        forced = (
            "code=429" in str(response.request.headers.get("Prefer", ""))
            if response.request
            else False
        )
        if response.status_code == 429 and not forced:
            self._back_off(_integer_header(response, "Retry-After"))

    def _back_off(self, retry_after: int | None) -> None:
        delay = float(retry_after) if retry_after is not None else self.interval
        if delay > MAX_WAIT_SECONDS:
            raise QuotaSpent(f"the server asks to wait {delay:.0f} s (Retry-After); run later")
        self.sleep(delay)


def _integer_header(response: requests.Response, name: str | None) -> int | None:
    raw = response.headers.get(name) if name else None
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _read_body(response: requests.Response, clock: Callable[[], float] = time.monotonic) -> None:
    """Read the whole body, as requests does unless streaming; an event stream only for
    EVENT_STREAM_SECONDS."""
    if not response.headers.get("Content-Type", "").startswith("text/event-stream"):
        _ = response.content
        return
    deadline = clock() + EVENT_STREAM_SECONDS
    chunks = []
    try:
        for chunk in response.iter_content(chunk_size=None):
            chunks.append(chunk)
            if clock() > deadline:
                break
    finally:
        response.close()
    response._content = b"".join(chunks)  # what a non-streamed answer holds once read


class GuardedSession(requests.Session):
    def __init__(
        self,
        spec: Spec,
        base_url: str,
        budget: CreditBudget,
        pace: Callable[[], Throttle] | None,
        credits_header: str | None,
    ) -> None:
        super().__init__()
        # Proxy and .netrc lookups per request cost more than the local calls they precede.
        self.trust_env = False
        self._spec = spec
        self._base_path = urlsplit(base_url).path.rstrip("/")
        self.budget = budget
        # One throttle per key: each key has its own limit and window.
        self._pace = pace
        self._throttles: dict[str, Throttle] = {}
        self._credits_header = credits_header

    @contextmanager
    def unpaced(self) -> Iterator[None]:
        """A few back-to-back calls (to watch a counter move); the caller keeps them within
        the remaining allowance."""
        pace, self._pace = self._pace, None
        try:
            yield
        finally:
            self._pace = pace

    def _throttle_for(self, account: str) -> Throttle | None:
        if self._pace is None:
            return None
        return self._throttles.setdefault(account, self._pace())

    def cost_of(self, method: str, url: str) -> int:
        path = urlsplit(url).path
        relative = path[len(self._base_path) :] if path.startswith(self._base_path) else path
        operation = self._spec.find(method.upper(), relative)
        return operation.credit_cost if operation else 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        cost = self.cost_of(str(request.method), str(request.url))
        self.budget.admit(cost)
        # Which key sent it (one throttle each): whatever credential headers it carries.
        account = "|".join(
            str(request.headers.get(name, "")) for name in self._spec.credential_headers
        )
        throttle = self._throttle_for(account)
        if throttle:
            throttle.wait()
        # A redirect is an answer to judge, never a request to make: following one would judge
        # another resource's answer, and could leave the target (a `Location` the spec gives).
        kwargs["allow_redirects"] = False
        streamed_by_caller = bool(kwargs.get("stream"))
        kwargs["stream"] = True
        response = super().send(request, **kwargs)
        if not streamed_by_caller:
            _read_body(response)
        if throttle:
            throttle.learn(response)
        balance = _integer_header(response, self._credits_header)
        self.budget.record(cost, response.status_code, account, balance)
        return response
