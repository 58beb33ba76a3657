"""MusicGPT: `MusicGPT` and `AsyncMusicGPT`, one method per operation of the spec.

The methods that start a task (every operation with `x-outputs`) are generated from the spec
(`backbeat._generated.musicgpt.facade`, by tools/gen_facade.py); they hand the operationId, the
success model, the media and the fields to `_start_operation`. The lookups, whose behaviour is their
own (waiting, paging, voices, lyrics), are written here. `CallBuilder` finds the generated
endpoint, request model and success model, and converts values by the model's field types. A
media argument (`audio`, `reference_audio`, `image`) is a path, a binary file object or an
http(s) URL. Webhook bodies: `parse_webhook` (see `backbeat.musicgpt_webhooks`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from datetime import date
from typing import Any, TypedDict, TypeVar, Unpack

from ._calls import CallBuilder
from ._client import APIProfile, AsyncClient, Call, SyncClient
from ._deadline import call_deadline
from ._exceptions import APIConnectionError
from ._generated import musicgpt as musicgpt_client
from ._generated.musicgpt.facade import AsyncConversionMethods, ConversionMethods
from ._generated.musicgpt.models import (
    Conversion,
    ConversionDetails,
    ConversionPage,
    ConversionStarted,
    LyricsResult,
    MusicGenerationStarted,
    VoicePage,
)
from ._jobs import (
    AsyncConversionJob,
    AsyncMusicJob,
    ConversionJob,
    ConversionRecord,
    MusicJob,
    as_job,
    as_record,
    conversion_type_of,
)
from ._paging import KeyPager
from ._polling import Polling
from ._uploads import MediaInput
from .musicgpt_webhooks import InvalidWebhook, WebhookEvent, parse_webhook

__all__ = [
    "AsyncConversionJob",
    "AsyncMusicGPT",
    "AsyncMusicJob",
    "ConversionJob",
    "ConversionRecord",
    "InvalidWebhook",
    "MediaInput",
    "MusicGPT",
    "MusicJob",
    "WebhookEvent",
    "parse_webhook",
]

# The vendor puts the human text under `error` (most endpoints) or `message` (some).
MUSICGPT = APIProfile.of(
    musicgpt_client, name="MusicGPT", message_fields=("error", "message", "detail")
)
_calls = CallBuilder(musicgpt_client)
DEFAULT_WAIT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
# A poll that starts at the deadline may take this long (or as long as the wait itself, if
# shorter): it may be the one that finds the task finished. Nothing of `wait_for_conversion`
# runs later than its timeout plus this.
FINAL_POLL_GRACE = 5.0
Media = MediaInput
ResultT = TypeVar("ResultT")
MediaArguments = Mapping[str, Media]  # argument name -> path, file or URL
Fields = Mapping[str, Any]  # request field name -> value


# A method's `**options` are its operation's optional request fields: TypedDicts written from
# the spec into the generated package (`backbeat._generated.musicgpt.options`, by
# tools/gen_options.py).
# What is sent is checked against the generated request model first: an unknown keyword or a
# missing required field is a TypeError, a value outside a field's enum a ValueError.


class PageOptions(TypedDict, total=False):
    limit: int | None
    page: int | None


class ConversionQuery(TypedDict, total=False):
    task_id: str | None
    conversion_id: str | None


class WaitOptions(ConversionQuery, total=False):
    timeout: float
    poll_interval: float


class ConversionFilter(TypedDict, total=False):
    """`list_user_conversions` filters; dates are ISO 8601 strings or `datetime`s."""

    conversion_type: str | None
    start_date: str | date | None
    end_date: str | date | None
    sort_order: str | None


class UserConversionsPage(ConversionFilter, total=False):
    limit: int | None
    last_evaluated_key: str | None


Task = str | ConversionStarted | MusicGenerationStarted
"""What names a task to look up: a conversion type (with `task_id=` or `conversion_id=`), or
the job a start method returned, which knows its type and task id."""


def _task_query(task: Task, query: ConversionQuery) -> tuple[str, ConversionQuery]:
    """The conversion type and the query of `task`; a job's own task id unless told another."""
    if not isinstance(task, ConversionStarted | MusicGenerationStarted):
        return task, query  # a type, checked by the caller
    conversion_type = conversion_type_of(task)
    if conversion_type is None:
        raise ValueError(
            f"a {type(task).__name__} does not say its conversion type: pass the type, "
            "e.g. wait_for_conversion('EXTRACTION', task_id=...)"
        )
    if query.get("task_id") or query.get("conversion_id"):
        return conversion_type, query
    return conversion_type, {**query, "task_id": task.task_id}


def _conversion_call(
    task: Task, **query: Unpack[ConversionQuery]
) -> Call[ConversionDetails, ConversionRecord]:
    conversion_type, query = _task_query(task, query)
    if not isinstance(conversion_type, str) or not conversion_type.strip():
        raise ValueError("conversion_type must be a non-empty string, e.g. 'MUSIC_AI'")
    if not (query.get("task_id") or query.get("conversion_id")):
        raise ValueError("pass task_id or conversion_id")

    def record_of(details: ConversionDetails, response: Any) -> ConversionRecord:
        return as_record(details.conversion, conversion_type)

    return _calls.wrapped(
        "getConversion", ConversionDetails, record_of, conversion_type=conversion_type, **query
    )


def _voices_call(query: str | None, **page: Unpack[PageOptions]) -> Call[VoicePage, VoicePage]:
    if query is None:
        return _calls.call("listVoices", VoicePage, **page)
    return _calls.call("searchVoices", VoicePage, query=query, **page)


def _polling(
    task: Task, wait: WaitOptions, clock: Callable[[], float]
) -> tuple[Polling[ConversionRecord], str, ConversionQuery]:
    """The poll schedule, and the type and query that identify the task."""
    polling: Polling[ConversionRecord] = Polling(
        status_of=_status_of,
        timeout=wait.get("timeout", DEFAULT_WAIT_TIMEOUT),
        interval=wait.get("poll_interval", DEFAULT_POLL_INTERVAL),
        clock=clock,
    )
    query = ConversionQuery(task_id=wait.get("task_id"), conversion_id=wait.get("conversion_id"))
    conversion_type, query = _task_query(task, query)
    return polling, conversion_type, query


class MusicGPT(SyncClient, ConversionMethods):
    """MusicGPT client. Key from `api_key` or `MUSICGPT_API_KEY` (sent raw in `Authorization`);
    base URL from `base_url`, `MUSICGPT_BASE_URL` or production. POST conversions are retried
    only when they certainly never reached the server (or were refused with 429).

    A start method answers at once with a job: the start response (`task_id`, the conversion
    id(s)) that also knows its `conversion_type`. Wait for the result with `job.wait()` (or
    `wait_for_conversion(job)`; `wait_for_conversion(<type>, task_id=...)` still works), or
    have it delivered to a `webhook_url` and received by `webhook_app` or `parse_webhook`.
    """

    profile = MUSICGPT

    def _start_operation(
        self, operation: str, result: type[ResultT], media: MediaArguments, fields: Fields
    ) -> ResultT:
        started = self._request(_calls.call(operation, result, media, **fields))
        return as_job(started, _type_of_operation(operation), self, is_async=False)

    def generate_lyrics(self, prompt: str) -> LyricsResult:
        """Song lyrics for `prompt`, in the response itself: nothing to wait for."""
        return self._request(_calls.call("generateLyrics", LyricsResult, prompt=prompt))

    # Lookups: tasks, voices, history (free of charge).

    def get_conversion(self, task: Task, **query: Unpack[ConversionQuery]) -> ConversionRecord:
        """The current record of a task: of a job a start method returned, or by conversion
        type (an open string: the type its start method names, e.g. `"COVER"`) and `task_id`
        or `conversion_id`."""
        return self._request(_conversion_call(task, **query))

    def wait_for_conversion(self, task: Task, **wait: Unpack[WaitOptions]) -> ConversionRecord:
        """Poll `get_conversion` (a job, or a type with `task_id` or `conversion_id`) every
        `poll_interval` seconds, growing, until COMPLETED; `ConversionFailedError` on ERROR or
        FAILED, `ConversionTimeoutError` when still running after `timeout` seconds (a poll
        started at the deadline gets `FINAL_POLL_GRACE` more; no request or retry runs past
        that). `job.wait(...)` is the same call."""
        polling, conversion_type, query = _polling(task, wait, self._clock)
        with call_deadline(polling.timeout + min(FINAL_POLL_GRACE, polling.timeout)):
            for pause in polling:
                self._pause(pause)
                try:
                    polling.record(self.get_conversion(conversion_type, **query))
                except APIConnectionError as error:
                    polling.raise_if_expired(error)
                    raise
        return polling.result()

    def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(None, **page))

    def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(query, **page))

    def list_user_conversions(self, **query: Unpack[UserConversionsPage]) -> ConversionPage:
        """One page of the account's conversions; its `last_evaluated_key` asks for the next
        (`iter_conversions` does that). Not in the vendor's reference; its n8n node uses it."""
        return self._request(_calls.call("listUserConversions", ConversionPage, **query))

    def iter_conversions(
        self, *, page_size: int | None = None, **filters: Unpack[ConversionFilter]
    ) -> Iterator[ConversionRecord]:
        """Every conversion of the account that matches `filters`, a page at a time."""
        pager = KeyPager()
        while pager.more:
            page = self.list_user_conversions(
                limit=page_size, last_evaluated_key=pager.key, **filters
            )
            for conversion in pager.take(page.conversions, page.last_evaluated_key):
                yield as_record(conversion)


class AsyncMusicGPT(AsyncClient, AsyncConversionMethods):
    """`MusicGPT` for asyncio: the same methods, awaited; the same retry engine."""

    profile = MUSICGPT

    async def _start_operation(
        self, operation: str, result: type[ResultT], media: MediaArguments, fields: Fields
    ) -> ResultT:
        started = await self._request(_calls.call(operation, result, media, **fields))
        return as_job(started, _type_of_operation(operation), self, is_async=True)

    async def generate_lyrics(self, prompt: str) -> LyricsResult:
        return await self._request(_calls.call("generateLyrics", LyricsResult, prompt=prompt))

    async def get_conversion(
        self, task: Task, **query: Unpack[ConversionQuery]
    ) -> ConversionRecord:
        return await self._request(_conversion_call(task, **query))

    async def wait_for_conversion(
        self, task: Task, **wait: Unpack[WaitOptions]
    ) -> ConversionRecord:
        polling, conversion_type, query = _polling(task, wait, self._clock)
        with call_deadline(polling.timeout + min(FINAL_POLL_GRACE, polling.timeout)):
            for pause in polling:
                await self._pause(pause)
                try:
                    polling.record(await self.get_conversion(conversion_type, **query))
                except APIConnectionError as error:
                    polling.raise_if_expired(error)
                    raise
        return polling.result()

    async def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(None, **page))

    async def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(query, **page))

    async def list_user_conversions(self, **query: Unpack[UserConversionsPage]) -> ConversionPage:
        return await self._request(_calls.call("listUserConversions", ConversionPage, **query))

    async def iter_conversions(
        self, *, page_size: int | None = None, **filters: Unpack[ConversionFilter]
    ) -> AsyncIterator[ConversionRecord]:
        pager = KeyPager()
        while pager.more:
            page = await self.list_user_conversions(
                limit=page_size, last_evaluated_key=pager.key, **filters
            )
            for conversion in pager.take(page.conversions, page.last_evaluated_key):
                yield as_record(conversion)


def _type_of_operation(operation: str) -> str | None:
    """The spec's `x-conversion-type` of an operation that starts a task."""
    value = MUSICGPT.operations.OPERATIONS[operation].get("conversion_type")
    return value if isinstance(value, str) else None


def _status_of(conversion: Conversion) -> str | None:
    return conversion.status if isinstance(conversion.status, str) else None
