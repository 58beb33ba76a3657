"""Paging: the bookkeeping both the sync and the async iterators share."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TypeVar

from ._exceptions import APIError

__all__ = ["KeyPager", "OffsetPager"]

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
