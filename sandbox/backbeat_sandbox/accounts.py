"""Per-key state: the magic-key registry, credit balances, rate-limit windows and the usage log.

A key is a magic key (``ty_test_free``) or a magic key plus ``_<suffix>``: each distinct key is
an independent account created on first use with its magic key's profile.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .limits import (
    ACCOUNT_IDLE_SECONDS,
    DEFAULT_MAX_ACCOUNTS,
    MAX_USAGE_RECORDS,
    USAGE_RECORD_SECONDS,
)

SUFFIX = re.compile(r"[A-Za-z0-9]{1,32}")


@dataclass(frozen=True)
class Limit:
    """At most ``allowance`` calls per fixed ``seconds`` window (aligned to the epoch).

    ``operations`` restricts the limit to those operation ids; empty means every operation.
    """

    name: str
    seconds: int
    allowance: int
    operations: frozenset[str] = frozenset()

    def applies_to(self, operation_id: str) -> bool:
        return not self.operations or operation_id in self.operations


@dataclass(frozen=True)
class Profile:
    """What a magic key starts with. ``details`` holds API-specific facts (tier, plan...)."""

    credits: float
    limits: tuple[Limit, ...] = ()
    revoked: bool = False
    role: str | None = None
    """The spec's key role (`x-key-roles`) the key plays, if any: where an operation's
    `x-provoke` names that role for a 403, the key is refused there."""
    details: Mapping[str, Any] = field(default_factory=dict)

    def limit(self, name: str) -> Limit | None:
        return next((limit for limit in self.limits if limit.name == name), None)


@dataclass(frozen=True)
class UsageRecord:
    timestamp: float
    endpoint: str
    status_code: int
    credits_consumed: float
    response_time_ms: int


@dataclass(frozen=True)
class Denial:
    """A spent window: which limit, and whole seconds until it frees (at least 1)."""

    limit: Limit
    retry_after: int


@dataclass
class Window:
    index: int = -1
    used: int = 0


@dataclass(eq=False)
class Account:
    profile: Profile
    credits: float
    created_at: float
    last_used_at: float | None = None
    windows: dict[str, Window] = field(default_factory=dict)
    usage: deque[UsageRecord] = field(default_factory=lambda: deque(maxlen=MAX_USAGE_RECORDS))
    """The newest `MAX_USAGE_RECORDS` records, none older than `USAGE_RECORD_SECONDS`."""
    extension: dict[str, Any] = field(default_factory=dict)
    """State an API keeps per account beyond credits and windows (MusicGPT's tasks)."""

    @property
    def touched_at(self) -> float:
        return self.created_at if self.last_used_at is None else self.last_used_at

    def record(self, usage: UsageRecord) -> None:
        """Log one call; records past their age are dropped."""
        self.usage.append(usage)
        oldest = usage.timestamp - USAGE_RECORD_SECONDS
        while self.usage and self.usage[0].timestamp < oldest:
            self.usage.popleft()

    def admit(self, operation_id: str, now: float) -> Denial | None:
        """Count one call against every applicable window, or say which window is spent."""
        applicable = [lim for lim in self.profile.limits if lim.applies_to(operation_id)]
        for limit in applicable:
            window = self._window(limit, now)
            if window.used >= limit.allowance:
                freed_at = (window.index + 1) * limit.seconds
                return Denial(limit=limit, retry_after=max(1, math.ceil(freed_at - now)))
        for limit in applicable:
            self._window(limit, now).used += 1
        return None

    def remaining(self, limit: Limit, now: float) -> int:
        return max(0, limit.allowance - self._window(limit, now).used)

    def reserve(self, cost: float) -> bool:
        """Take ``cost`` credits if the balance covers them."""
        if cost > self.credits:
            return False
        self.credits -= cost
        return True

    def refund(self, cost: float) -> None:
        self.credits += cost

    def _window(self, limit: Limit, now: float) -> Window:
        index = int(now // limit.seconds)
        window = self.windows.setdefault(limit.name, Window())
        if window.index != index:
            window.index, window.used = index, 0
        return window


class UnknownKey(Exception):
    pass


class KeyRegistry:
    """Accounts by API key, least recently used first. The key itself is never stored in a
    repr or a message.

    At most ``max_accounts`` are kept: a new account past the cap forgets the least recently
    used one, and an account idle for `ACCOUNT_IDLE_SECONDS` is forgotten (its key starts
    afresh on its next call).
    """

    def __init__(
        self, profiles: Mapping[str, Profile], max_accounts: int = DEFAULT_MAX_ACCOUNTS
    ) -> None:
        self._profiles = dict(profiles)
        self._accounts: OrderedDict[str, Account] = OrderedDict()
        self.max_accounts = max_accounts

    def __repr__(self) -> str:
        return f"KeyRegistry(accounts={len(self._accounts)}, max_accounts={self.max_accounts})"

    def __len__(self) -> int:
        return len(self._accounts)

    def account(self, key: str, now: float) -> Account:
        """The account of ``key``, created on first use; ``UnknownKey`` for any other key."""
        self._expire(now)
        existing = self._accounts.get(key)
        if existing is not None:
            self._accounts.move_to_end(key)
            return existing
        profile = self._profile_of(key)
        account = Account(profile=profile, credits=profile.credits, created_at=now)
        self._accounts[key] = account
        while len(self._accounts) > self.max_accounts:
            self._accounts.popitem(last=False)
        return account

    def _expire(self, now: float) -> None:
        accounts = self._accounts
        while accounts:
            oldest = next(iter(accounts.values()))
            if now - oldest.touched_at < ACCOUNT_IDLE_SECONDS:
                return
            accounts.popitem(last=False)

    def _profile_of(self, key: str) -> Profile:
        if key in self._profiles:
            return self._profiles[key]
        magic, _, suffix = key.rpartition("_")
        if magic in self._profiles and SUFFIX.fullmatch(suffix):
            return self._profiles[magic]
        raise UnknownKey
