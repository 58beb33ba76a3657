"""MusicGPT: `MusicGPT` and `AsyncMusicGPT`, one method per operation of the spec.

The methods are generated from the spec (`backbeat._generated.musicgpt.facade`, by
tools/gen_facade.py): every operation but `getConversion` (`x-method: false`), whose methods,
written here, do more than one call: `get_conversion` (the record inside the response),
`wait_for_conversion` (polling) and `iter_conversions` (paging). A media argument (`audio`,
`reference_audio`, `image`) is a path, a binary file object or an http(s) URL. Webhook
bodies: `parse_webhook` (see `backbeat.musicgpt_webhooks`).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Literal

from ._client import APIProfile, AsyncClient, Call, SyncClient
from ._generated import musicgpt as musicgpt_client
from ._generated.musicgpt.facade import AsyncMethods, AsyncRawMethods, Methods, RawMethods
from ._generated.musicgpt.models import (
    Conversion,
    ConversionDetails,
    ConversionPage,
    ConversionStarted,
    LyricsResult,
    MusicGenerationStarted,
    Voice,
    VoicePage,
)
from ._options import NOT_GIVEN, Headers, Timeout
from ._paging import KeyPager
from ._polling import Polling
from ._raw import async_iterator_raw_variant, async_raw_variant, raw_variant
from ._uploads import Media, MediaInput
from .musicgpt_webhooks import InvalidWebhook, WebhookEvent, parse_webhook

__all__ = [
    "AsyncMusicGPT",
    "Conversion",
    "ConversionPage",
    "ConversionStarted",
    "InvalidWebhook",
    "LyricsResult",
    "Media",
    "MediaInput",
    "MusicGPT",
    "MusicGenerationStarted",
    "Voice",
    "VoicePage",
    "WebhookEvent",
    "parse_webhook",
]

# The vendor puts the human text under `error` (most endpoints) or `message` (some).
MUSICGPT = APIProfile.of(
    musicgpt_client, name="MusicGPT", message_fields=("error", "message", "detail")
)
DEFAULT_WAIT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
SortOrder = Literal["ASC", "DESC"]
Date = str | datetime.date


def _conversion_call(
    conversion_type: str, task_id: str | None, conversion_id: str | None
) -> Call[ConversionDetails, Conversion]:
    if not isinstance(conversion_type, str) or not conversion_type.strip():
        raise ValueError("conversion_type must be a non-empty string, e.g. 'MUSIC_AI'")
    if not (task_id or conversion_id):
        raise ValueError("pass task_id or conversion_id")
    return MUSICGPT.calls.wrapped(  # type: ignore[no-any-return]
        "getConversion",
        ConversionDetails,
        _conversion_of,
        conversion_type=conversion_type,
        task_id=task_id,
        conversion_id=conversion_id,
    )


def _polling(
    timeout: float, poll_interval: float, clock: Callable[[], float]
) -> Polling[Conversion]:
    return Polling(status_of=_status_of, timeout=timeout, interval=poll_interval, clock=clock)


class MusicGPT(SyncClient, Methods):
    """MusicGPT client. Key from `api_key` or `MUSICGPT_API_KEY` (sent raw in `Authorization`);
    base URL from `base_url`, `MUSICGPT_BASE_URL` or production. POST conversions are retried
    only when they certainly never reached the server (or were refused with 429).

    A start method answers at once with a `task_id` and the conversion id(s); wait for the
    result with `wait_for_conversion(<type>, task_id=...)`, the type named in the method's
    docstring, or have it delivered to a `webhook_url` and read it with `parse_webhook`.
    """

    profile = MUSICGPT

    @property
    def with_raw_response(self) -> MusicGPTRawResponses:
        """`client.with_raw_response.<method>(...)` returns a `RawResponse`: status, headers,
        rate limits, retries and time of that call, and `parse()` for the usual result."""
        return MusicGPTRawResponses(self)

    def get_conversion(
        self,
        conversion_type: str,
        *,
        task_id: str | None = None,
        conversion_id: str | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = NOT_GIVEN,
    ) -> Conversion:
        """The current record of a task, by `task_id` or `conversion_id`. `conversion_type` is
        an open string: the type its start method names, e.g. `"COVER"`."""
        call = _conversion_call(conversion_type, task_id, conversion_id)
        return self._with(extra_headers, timeout)._request(call)

    def wait_for_conversion(
        self,
        conversion_type: str,
        *,
        task_id: str | None = None,
        conversion_id: str | None = None,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        extra_headers: Headers | None = None,
    ) -> Conversion:
        """Poll `get_conversion` (`task_id` or `conversion_id`) every `poll_interval` seconds,
        growing, until COMPLETED; `ConversionFailedError` on ERROR or FAILED,
        `ConversionTimeoutError` when still running after `timeout` seconds."""
        polling = _polling(timeout, poll_interval, self._clock)
        for pause in polling:
            self._pause(pause)
            polling.record(
                self.get_conversion(
                    conversion_type,
                    task_id=task_id,
                    conversion_id=conversion_id,
                    extra_headers=extra_headers,
                )
            )
        return polling.result()

    def iter_conversions(
        self,
        *,
        page_size: int | None = None,
        conversion_type: str | None = None,
        start_date: Date | None = None,
        end_date: Date | None = None,
        sort_order: SortOrder | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = NOT_GIVEN,
    ) -> Iterator[Conversion]:
        """Every conversion of the account that matches the filters, a page at a time."""
        pager = KeyPager()
        while pager.more:
            page = self.list_user_conversions(
                limit=page_size,
                last_evaluated_key=pager.key,
                conversion_type=conversion_type,
                start_date=start_date,
                end_date=end_date,
                sort_order=sort_order,
                extra_headers=extra_headers,
                timeout=timeout,
            )
            yield from pager.take(page.conversions, page.last_evaluated_key)


class AsyncMusicGPT(AsyncClient, AsyncMethods):
    """`MusicGPT` for asyncio: the same methods, awaited; the same retry engine."""

    profile = MUSICGPT

    @property
    def with_raw_response(self) -> AsyncMusicGPTRawResponses:
        """`await client.with_raw_response.<method>(...)` returns a `RawResponse`."""
        return AsyncMusicGPTRawResponses(self)

    async def get_conversion(
        self,
        conversion_type: str,
        *,
        task_id: str | None = None,
        conversion_id: str | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = NOT_GIVEN,
    ) -> Conversion:
        call = _conversion_call(conversion_type, task_id, conversion_id)
        return await self._with(extra_headers, timeout)._request(call)

    async def wait_for_conversion(
        self,
        conversion_type: str,
        *,
        task_id: str | None = None,
        conversion_id: str | None = None,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        extra_headers: Headers | None = None,
    ) -> Conversion:
        polling = _polling(timeout, poll_interval, self._clock)
        for pause in polling:
            await self._pause(pause)
            polling.record(
                await self.get_conversion(
                    conversion_type,
                    task_id=task_id,
                    conversion_id=conversion_id,
                    extra_headers=extra_headers,
                )
            )
        return polling.result()

    async def iter_conversions(
        self,
        *,
        page_size: int | None = None,
        conversion_type: str | None = None,
        start_date: Date | None = None,
        end_date: Date | None = None,
        sort_order: SortOrder | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = NOT_GIVEN,
    ) -> AsyncIterator[Conversion]:
        pager = KeyPager()
        while pager.more:
            page = await self.list_user_conversions(
                limit=page_size,
                last_evaluated_key=pager.key,
                conversion_type=conversion_type,
                start_date=start_date,
                end_date=end_date,
                sort_order=sort_order,
                extra_headers=extra_headers,
                timeout=timeout,
            )
            for conversion in pager.take(page.conversions, page.last_evaluated_key):
                yield conversion


class MusicGPTRawResponses(RawMethods):
    """`MusicGPT.with_raw_response`: every method, answering a `RawResponse` (of the last poll
    for `wait_for_conversion`, of the first page for `iter_conversions`)."""

    get_conversion = raw_variant(MusicGPT.get_conversion)
    wait_for_conversion = raw_variant(MusicGPT.wait_for_conversion)
    iter_conversions = raw_variant(MusicGPT.iter_conversions)


class AsyncMusicGPTRawResponses(AsyncRawMethods):
    """`AsyncMusicGPT.with_raw_response`: every method, answering a `RawResponse`."""

    get_conversion = async_raw_variant(AsyncMusicGPT.get_conversion)
    wait_for_conversion = async_raw_variant(AsyncMusicGPT.wait_for_conversion)
    iter_conversions = async_iterator_raw_variant(AsyncMusicGPT.iter_conversions)


def _conversion_of(details: ConversionDetails, response: Any) -> Conversion:
    return details.conversion


def _status_of(conversion: Conversion) -> str | None:
    return conversion.status if isinstance(conversion.status, str) else None
