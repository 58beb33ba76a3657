"""Every bound the sandbox keeps, in one place (documented in docs/sandbox.md, "Bounds").

A sandbox that whole test suites and CI jobs point at must not grow without end, whatever
they send: each kind of state has a cap, and the state nobody touches expires.
"""

from __future__ import annotations

DEFAULT_MAX_ACCOUNTS = 10_000
"""Accounts kept per API (``--max-accounts``). Past it, the least recently used account is
forgotten; its key then starts afresh, as a new account, on its next call."""

ACCOUNT_IDLE_SECONDS = 24 * 3600
"""An account nobody has called for this long (sandbox clock) is forgotten."""

MAX_USAGE_RECORDS = 1_000
"""Usage-log records kept per account (Trackyard ``/usage``): the newest ones."""

USAGE_RECORD_SECONDS = 7 * 24 * 3600
"""Usage-log records older than this are dropped."""

MAX_TASKS_PER_ACCOUNT = 1_000
"""MusicGPT tasks kept per account: past it the oldest is forgotten (``byId`` then 404s)."""

TASK_SECONDS_KEPT = 7 * 24 * 3600
"""MusicGPT tasks created longer ago than this are forgotten."""
