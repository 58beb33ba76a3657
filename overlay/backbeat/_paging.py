"""Paging: the bookkeeping both the sync and the async iterators share."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TypeVar

from ._exceptions import APIError

__all__ = ["GrowingLogPager", "KeyPager"]

ItemT = TypeVar("ItemT")


class GrowingLogPager:
    """Walks a newest-first log by offset while new records arrive at its head: each record
    that was in the log at the first page is taken exactly once (later ones are not taken).

    The log has no record ids and no cursor, only `total_count` on every page. Records that
    arrived since the page before push everything down by as many positions as the total
    grew, so that many records at the top of this page were taken already, and the next
    page starts that much further down. The next page is also asked that much longer (up to
    `max_limit`), so a log that grows by about a page per request is still walked to its end.
    """

    def __init__(self, page_size: int, max_limit: int | None = None) -> None:
        if page_size < 1:
            raise ValueError("the page size must be at least 1")
        self._page_size = page_size
        self._max_limit = max_limit if max_limit is not None else page_size
        self.limit = min(page_size, self._max_limit)
        self.offset = 0  # positions, in today's log, taken already or newer than the walk
        self.more = True
        self._total: int | None = None

    def take(self, items: Sequence[ItemT], total_count: int) -> Sequence[ItemT]:
        # A total that shrank (old records expired from the tail) shifts nothing.
        grown = 0 if self._total is None else max(0, total_count - self._total)
        self._total = total_count
        fresh = items[grown:]
        self.offset += max(grown, len(items))
        self.more = len(items) >= self.limit and self.offset < total_count
        self.limit = max(1, min(self._page_size + grown, self._max_limit))
        return fresh


class KeyPager:
    """Walks pages chained by a continuation key (DynamoDB's `LastEvaluatedKey`): the first
    request carries none, each next one the key of the page before; done after a page without
    one. A key may arrive as a string or as an object, which is sent back JSON-encoded."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.more = True
        self._sent: set[str] = set()

    def take(self, items: Sequence[ItemT], next_key: object) -> Sequence[ItemT]:
        key = _continuation(next_key)
        if key is not None and key in self._sent:
            # A server that hands back a key it was already given would loop forever.
            raise APIError(f"paging: the server repeated the continuation key {key[:80]!r}")
        if key is not None:
            self._sent.add(key)
        self.key, self.more = key, key is not None
        return items


def _continuation(value: object) -> str | None:
    """The key to send next, or None when the listing is complete (absent, null, empty)."""
    if callable(getattr(value, "to_dict", None)):  # an object key, as a generated model
        value = value.to_dict()  # type: ignore[attr-defined]
    if isinstance(value, str):
        return value or None
    if isinstance(value, Mapping) and value:
        return json.dumps(dict(value), separators=(",", ":"))
    if isinstance(value, Mapping) or value is None or not value:
        return None
    raise APIError(f"paging: a continuation key of type {type(value).__name__} is not usable")
