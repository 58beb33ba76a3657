"""Trackyard: `Trackyard` and `AsyncTrackyard`, thin maps from methods to generated calls."""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack

from ._client import APIProfile, AsyncClient, Call, SyncClient, itself, none_as
from ._generated import trackyard as trackyard_client
from ._generated.trackyard.api.account import get_me, list_usage
from ._generated.trackyard.api.downloads import download_track
from ._generated.trackyard.api.search import search
from ._generated.trackyard.models import (
    DownloadTrackRequest,
    Me,
    SearchFilters,
    SearchRequest,
    SearchResponse,
    UsagePage,
    UsageRecord,
)
from ._generated.trackyard.types import UNSET, File
from ._paging import GrowingLogPager

__all__ = ["AsyncTrackyard", "ClipOptions", "Download", "PageOptions", "SearchOptions", "Trackyard"]

_unset = none_as(UNSET)

# `message` is the documented human text; some documented bodies only carry `error`.
TRACKYARD = APIProfile.of(
    trackyard_client, name="Trackyard", message_fields=("message", "error", "detail")
)
USAGE_PAGE_SIZE = 100  # also the largest page `listUsage` serves
Filters = SearchFilters | Mapping[str, Any]


@dataclass(frozen=True)
class Download:
    """A downloaded MP3 and what the response headers say about it."""

    content: bytes = field(repr=False)
    filename: str
    track_id: str
    duration: float | None

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the MP3 to `path` and return where it went. A folder (an existing one, or a
        path ending in a separator) gets the file under `filename`; a missing folder is
        created, parents included."""
        target = Path(path)
        if str(path).endswith(("/", os.sep)) or target.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            target = target / self.filename
        target.write_bytes(self.content)
        return target


class SearchOptions(TypedDict, total=False):
    limit: int | None
    offset: int | None
    filters: Filters | None


def _search_call(
    query: str, **options: Unpack[SearchOptions]
) -> Call[SearchResponse, SearchResponse]:
    filters = options.get("filters")
    if isinstance(filters, Mapping):
        filters = SearchFilters.from_dict(filters)
    body = SearchRequest(
        query=query,
        limit=_unset(options.get("limit")),
        offset=_unset(options.get("offset")),
        filters=_unset(filters),
    )
    return Call("search", search, {"body": body}, SearchResponse, itself)


class ClipOptions(TypedDict, total=False):
    duration_seconds: float | None
    hit_point_seconds: float | None


def _download_call(track_id: str, **clip: Unpack[ClipOptions]) -> Call[File, Download]:
    body = DownloadTrackRequest(
        track_id=track_id,
        duration_seconds=_unset(clip.get("duration_seconds")),
        hit_point_seconds=_unset(clip.get("hit_point_seconds")),
    )
    wrap = _download_wrapper(track_id)
    return Call("downloadTrack", download_track, {"body": body}, File, wrap)


def _me_call() -> Call[Me, Me]:
    return Call("getMe", get_me, {}, Me, itself)


class PageOptions(TypedDict, total=False):
    limit: int | None
    offset: int | None


def _usage_call(**page: Unpack[PageOptions]) -> Call[UsagePage, UsagePage]:
    kwargs = {"limit": _unset(page.get("limit")), "offset": _unset(page.get("offset"))}
    return Call("listUsage", list_usage, kwargs, UsagePage, itself)


class Trackyard(SyncClient):
    """Trackyard client. Key from `api_key` or `TRACKYARD_API_KEY`; base URL from `base_url`,
    `TRACKYARD_BASE_URL` or production. Retries, timeouts and errors: see the README."""

    profile = TRACKYARD

    def search(self, query: str, **options: Unpack[SearchOptions]) -> SearchResponse:
        """Natural-language search (1 credit): `limit`, `offset`, `filters` (a `SearchFilters`
        or a plain dict) are optional keywords."""
        return self._request(_search_call(query, **options))

    def download_track(self, track_id: str, **clip: Unpack[ClipOptions]) -> Download:
        """The full track, or a smart-trimmed clip of `duration_seconds` with the energy peak
        at `hit_point_seconds` (1 credit)."""
        return self._request(_download_call(track_id, **clip))

    def me(self) -> Me:
        """The calling key's tier, balance and limits (free)."""
        return self._request(_me_call())

    def usage(self, **page: Unpack[PageOptions]) -> UsagePage:
        """One page (`limit`, `offset`) of the key's call log, newest first (free)."""
        return self._request(_usage_call(**page))

    def iter_usage(self, *, page_size: int = USAGE_PAGE_SIZE) -> Iterator[UsageRecord]:
        """Every record of the call log as of the first page, newest first, each exactly
        once, however many calls are logged meanwhile (`total_count` says how far the log
        grew between two pages)."""
        pager = GrowingLogPager(page_size, max_limit=max(page_size, USAGE_PAGE_SIZE))
        while pager.more:
            page = self.usage(limit=pager.limit, offset=pager.offset)
            yield from pager.take(page.usage, page.total_count)


class AsyncTrackyard(AsyncClient):
    """`Trackyard` for asyncio: the same methods, awaited; the same retry engine."""

    profile = TRACKYARD

    async def search(self, query: str, **options: Unpack[SearchOptions]) -> SearchResponse:
        return await self._request(_search_call(query, **options))

    async def download_track(self, track_id: str, **clip: Unpack[ClipOptions]) -> Download:
        return await self._request(_download_call(track_id, **clip))

    async def me(self) -> Me:
        return await self._request(_me_call())

    async def usage(self, **page: Unpack[PageOptions]) -> UsagePage:
        return await self._request(_usage_call(**page))

    async def iter_usage(self, *, page_size: int = USAGE_PAGE_SIZE) -> AsyncIterator[UsageRecord]:
        pager = GrowingLogPager(page_size, max_limit=max(page_size, USAGE_PAGE_SIZE))
        while pager.more:
            page = await self.usage(limit=pager.limit, offset=pager.offset)
            for record in pager.take(page.usage, page.total_count):
                yield record


def _download_wrapper(requested_id: str) -> Any:
    def wrap(file: File, response: Any) -> Download:
        headers = response.headers
        track_id = headers.get("x-track-id") or requested_id
        return Download(
            content=response.content,
            filename=_attachment_filename(headers.get("content-disposition")) or f"{track_id}.mp3",
            track_id=track_id,
            duration=_float_or_none(headers.get("x-track-duration")),
        )

    return wrap


def _attachment_filename(disposition: str | None) -> str | None:
    """The file name of a `Content-Disposition` header (RFC 6266), reduced to a safe base name."""
    if not disposition:
        return None
    extended = re.search(r"filename\*\s*=\s*[^']*'[^']*'([^;]+)", disposition, re.IGNORECASE)
    plain = re.search(r'filename\s*=\s*("([^"]*)"|[^;]+)', disposition, re.IGNORECASE)
    if extended:
        name = urllib.parse.unquote(extended.group(1).strip())
    elif plain:
        name = plain.group(2) if plain.group(2) is not None else plain.group(1).strip()
    else:
        return None
    safe = Path(name.replace("\\", "/")).name
    return safe if safe not in ("", ".", "..") else None


def _float_or_none(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
