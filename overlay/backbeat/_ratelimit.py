"""`RateLimitInfo`: the rate-limit and credit headers of the latest response."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["RateLimitInfo"]


def _header(name: str) -> int | None:
    """A field filled from the response header `name`; None while the header is absent."""
    return dataclasses.field(default=None, metadata={"header": name})


@dataclass(frozen=True)
class RateLimitInfo:
    """Each field is None when its header was absent (or not a whole number)."""

    limit: int | None = _header("x-ratelimit-limit")
    remaining: int | None = _header("x-ratelimit-remaining")
    limit_daily: int | None = _header("x-ratelimit-limit-daily")
    remaining_daily: int | None = _header("x-ratelimit-remaining-daily")
    credits_remaining: int | None = _header("x-credits-remaining")

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimitInfo:
        values = {
            field.name: _int_or_none(headers.get(field.metadata["header"]))
            for field in dataclasses.fields(cls)
        }
        return cls(**values)


def _int_or_none(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None
