"""Per-key state: the magic-key registry, credit balances, rate-limit windows and the usage log.

A key is a magic key (``ty_test_free``) or a magic key plus ``_<suffix>``: each distinct key is
an independent account created on first use with its magic key's profile.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
    forbidden: frozenset[str] = frozenset()
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


@dataclass
class Window:
    index: int = -1
    used: int = 0


@dataclass(frozen=True)
class Denial:
    """A spent window: which limit, and whole seconds until it frees (at least 1)."""

    limit: Limit
    retry_after: int


@dataclass(eq=False)
class Account:
    profile: Profile
    credits: float
    created_at: float
    last_used_at: float | None = None
    windows: dict[str, Window] = field(default_factory=dict)
    usage: list[UsageRecord] = field(default_factory=list)
    extension: dict[str, Any] = field(default_factory=dict)
    """State an API keeps per account beyond credits and windows (MusicGPT's tasks)."""

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
    """Accounts by API key. The key itself is never stored in a repr or a message."""

    def __init__(self, profiles: Mapping[str, Profile]) -> None:
        self._profiles = dict(profiles)
        self._accounts: dict[str, Account] = {}

    def __repr__(self) -> str:
        return f"KeyRegistry(accounts={len(self._accounts)})"

    def account(self, key: str, now: float) -> Account:
        """The account of ``key``, created on first use; ``UnknownKey`` for any other key."""
        existing = self._accounts.get(key)
        if existing is not None:
            return existing
        profile = self._profile_of(key)
        account = Account(profile=profile, credits=profile.credits, created_at=now)
        self._accounts[key] = account
        return account

    def _profile_of(self, key: str) -> Profile:
        if key in self._profiles:
            return self._profiles[key]
        magic, _, suffix = key.rpartition("_")
        if magic in self._profiles and SUFFIX.fullmatch(suffix):
            return self._profiles[magic]
        raise UnknownKey
