"""Fresh sandbox accounts: a magic key plus a unique suffix is an account of its own.

The sandbox treats ``<magic key>_<suffix>`` (suffix ``[A-Za-z0-9]{1,32}``) as an independent
account with that key's profile, created on first use, so a new suffix per test isolates
tests from each other without resetting the server.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["DEFAULT_TIER", "MUSICGPT_TIERS", "TRACKYARD_TIERS", "Account", "AccountFactory"]

# The sandbox's magic-key profiles (README "Sandbox"): ty_test_<tier> and mg_test_<tier>.
TRACKYARD_TIERS = (
    "free", "starter", "pro", "exhausted", "revoked", "nodownload", "tinylimit", "burst", "load",
)  # fmt: skip
MUSICGPT_TIERS = ("free", "plus", "pro", "broke", "revoked", "load")
DEFAULT_TIER = "pro"  # both APIs have it, and its limits stay out of a test's way


@dataclass(frozen=True)
class Account:
    """One fresh account on each API, for the tiers asked for."""

    suffix: str
    trackyard_tier: str = DEFAULT_TIER
    musicgpt_tier: str = DEFAULT_TIER

    @property
    def trackyard_key(self) -> str:
        """``ty_test_<tier>_<suffix>``: send it as ``Authorization: Bearer <key>``."""
        return _key("Trackyard", "ty_test", self.trackyard_tier, TRACKYARD_TIERS, self.suffix)

    @property
    def musicgpt_key(self) -> str:
        """``mg_test_<tier>_<suffix>``: send it as ``Authorization: <key>``."""
        return _key("MusicGPT", "mg_test", self.musicgpt_tier, MUSICGPT_TIERS, self.suffix)


def _key(api: str, prefix: str, tier: str, tiers: tuple[str, ...], suffix: str) -> str:
    if tier not in tiers:
        option = api.lower()
        raise ValueError(
            f"the {api} sandbox has no tier {tier!r} (it has {', '.join(tiers)}): ask for one "
            f"with backbeat_tier({option}=...) or backbeat_account_factory({option}=...)"
        )
    return f"{prefix}_{tier}_{suffix}"


class AccountFactory:
    """Makes a new account on every call. Suffixes derive from the test's id and a counter
    shared by the process, so they are unique per sandbox and the same from run to run."""

    _serial: Iterator[int] = itertools.count(1)

    def __init__(self, test_id: str) -> None:
        self._stem = hashlib.blake2s(test_id.encode(), digest_size=8).hexdigest()

    def __call__(
        self,
        tier: str | None = None,
        *,
        trackyard: str | None = None,
        musicgpt: str | None = None,
    ) -> Account:
        """`tier` for both APIs (default ``pro``); `trackyard` / `musicgpt` override it for
        one API (Trackyard has ``starter``, MusicGPT ``plus``)."""
        both = tier or DEFAULT_TIER
        account = Account(
            suffix=f"{self._stem}{next(self._serial)}",
            trackyard_tier=trackyard or both,
            musicgpt_tier=musicgpt or both,
        )
        if account.trackyard_tier not in TRACKYARD_TIERS and (
            account.musicgpt_tier not in MUSICGPT_TIERS
        ):
            raise ValueError(
                f"no sandbox tier {both!r}: Trackyard has {', '.join(TRACKYARD_TIERS)}; "
                f"MusicGPT has {', '.join(MUSICGPT_TIERS)}"
            )
        return account
