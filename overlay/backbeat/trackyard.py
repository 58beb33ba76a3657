"""Trackyard: `Trackyard` and `AsyncTrackyard`.

Their methods are generated from the spec (`backbeat._generated.trackyard.facade`, by
tools/gen_facade.py): `search`, `me`, `usage`. Written here are the two whose behaviour is
their own: `download_track` (the MP3 and what its headers say, as a `Download`) and
`iter_usage` (every page of the log).
"""

from __future__ import annotations

import functools
import os
import re
import urllib.parse
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from . import _procedures as procedures
from ._client import APIProfile, AsyncClient, Call, SyncClient
from ._generated import trackyard as trackyard_client
from ._generated.trackyard.facade import AsyncMethods, AsyncRawMethods, Methods, RawMethods
from ._generated.trackyard.models import (
    EnergyLevel,
    Me,
    RateLimit,
    SearchFilters,
    SearchResponse,
    Tier,
    Track,
    UsagePage,
    UsageRecord,
)
from ._generated.trackyard.types import File
from ._options import CallOptions
from ._paging import GrowingLogPager
from ._procedures import Items, Step
from ._raw import RawResponses, async_iterator_raw_variant, async_raw_variant, raw_variant

__all__ = [
    "AsyncTrackyard",
    "Download",
    "EnergyLevel",
    "Me",
    "RateLimit",
    "SearchFilters",
    "SearchResponse",
    "Tier",
    "Track",
    "Trackyard",
    "UsagePage",
    "UsageRecord",
]

# `message` is the documented human text; some documented bodies only carry `error`.
TRACKYARD = APIProfile.of(
    trackyard_client, name="Trackyard", message_fields=("message", "error", "detail")
)
USAGE_PAGE_SIZE = 100  # also the largest page `listUsage` serves


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


def _download_track(
    track_id: str,
    *,
    duration_seconds: float | None = None,
    hit_point_seconds: float | None = None,
    **options: Unpack[CallOptions],
) -> Call[File, Download]:
    """The full track, or a smart-trimmed clip of `duration_seconds` with the energy peak
    at `hit_point_seconds` (1 credit)."""
    fields = {
        "track_id": track_id,
        "duration_seconds": duration_seconds,
        "hit_point_seconds": hit_point_seconds,
    }
    return TRACKYARD.calls.built(  # type: ignore[no-any-return]
        "downloadTrack", File, _download_wrapper(track_id), None, fields
    )


def _iter_usage(
    client: Any,
    *,
    page_size: int = USAGE_PAGE_SIZE,
    **options: Unpack[CallOptions],
) -> Generator[Step | Items[UsageRecord], Any, None]:
    """Every record of the call log as of the first page, newest first, each exactly
    once, however many calls are logged meanwhile (`total_count` says how far the log
    grew between two pages)."""
    client = client._with(**options)
    pager = GrowingLogPager(page_size, max_limit=max(page_size, USAGE_PAGE_SIZE))
    while pager.more:
        page: UsagePage = yield functools.partial(
            client.usage, limit=pager.limit, offset=pager.offset
        )
        yield Items(pager.take(page.usage, page.total_count))


class Trackyard(SyncClient, Methods):
    """Trackyard client. Key from `api_key` or `TRACKYARD_API_KEY`; base URL from `base_url`,
    `TRACKYARD_BASE_URL` or production. Retries, timeouts and errors: see the README."""

    profile = TRACKYARD
    download_track = procedures.sync_method(procedures.one_request(_download_track))
    iter_usage = procedures.sync_iterator_method(_iter_usage)
    with_raw_response = RawResponses(lambda client: TrackyardRawResponses(client))


class AsyncTrackyard(AsyncClient, AsyncMethods):
    """`Trackyard` for asyncio: the same methods, awaited; the same retry engine."""

    profile = TRACKYARD
    download_track = procedures.async_method(procedures.one_request(_download_track))
    iter_usage = procedures.async_iterator_method(_iter_usage)
    with_raw_response = RawResponses(lambda client: AsyncTrackyardRawResponses(client))


class TrackyardRawResponses(RawMethods):
    """`Trackyard.with_raw_response`: every method, answering a `RawResponse`."""

    download_track = raw_variant(Trackyard.download_track)
    iter_usage = raw_variant(Trackyard.iter_usage)


class AsyncTrackyardRawResponses(AsyncRawMethods):
    """`AsyncTrackyard.with_raw_response`: every method, answering a `RawResponse`."""

    download_track = async_raw_variant(AsyncTrackyard.download_track)
    iter_usage = async_iterator_raw_variant(AsyncTrackyard.iter_usage)


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
