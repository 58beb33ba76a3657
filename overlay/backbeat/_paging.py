"""Offset/limit paging: the bookkeeping both the sync and the async iterators share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = ["OffsetPager"]

ItemT = TypeVar("ItemT")


class OffsetPager:
    """Walks pages of `limit` items from offset 0; done after a page with fewer than `limit`."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("the page size must be at least 1")
        self.limit = limit
        self.offset = 0
        self.more = True

    def take(self, items: Sequence[ItemT]) -> Sequence[ItemT]:
        self.more = len(items) >= self.limit
        self.offset += len(items)
        return items
