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
import functools
from collections.abc import Callable, Generator
from typing import Any, Literal, Unpack

from . import _procedures as procedures
from ._client import APIProfile, AsyncClient, Call, SyncClient, itself
from ._deadline import call_deadline
from ._exceptions import APIConnectionError
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
from ._jobs import (
    AsyncConversionJob,
    AsyncMusicGenerationJob,
    ConversionJob,
    ConversionRecord,
    MusicGenerationJob,
    as_job,
    as_record,
    conversion_type_of,
    model_of,
)
from ._options import CallOptions, Headers
from ._paging import KeyPager
from ._polling import Polling
from ._procedures import Items, Step
from ._raw import RawResponses, async_iterator_raw_variant, async_raw_variant, raw_variant
from ._receiver import webhook_app, webhook_wsgi_app
from ._uploads import Media, MediaInput
from .musicgpt_webhooks import InvalidWebhook, WebhookEvent, parse_webhook

__all__ = [
    "AsyncConversionJob",
    "AsyncMusicGPT",
    "AsyncMusicGenerationJob",
    "Conversion",
    "ConversionJob",
    "ConversionPage",
    "ConversionRecord",
    "ConversionStarted",
    "InvalidWebhook",
    "LyricsResult",
    "Media",
    "MediaInput",
    "MusicGPT",
    "MusicGenerationJob",
    "MusicGenerationStarted",
    "Voice",
    "VoicePage",
    "WebhookEvent",
    "parse_webhook",
    "webhook_app",
    "webhook_wsgi_app",
]

DEFAULT_WAIT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
# A poll that starts at the deadline may take this long (or as long as the wait itself, if
# shorter): it may be the one that finds the task finished. Nothing of `wait_for_conversion`
# runs later than its timeout plus this.
FINAL_POLL_GRACE = 5.0
# The vendor puts the human text under `error` (most endpoints) or `message` (some).
MUSICGPT = APIProfile.of(
    musicgpt_client, name="MusicGPT", message_fields=("error", "message", "detail")
)
SortOrder = Literal["ASC", "DESC"]
Date = str | datetime.date


Task = str | ConversionStarted | MusicGenerationStarted
"""What names a task to look up: a conversion type (with `task_id=` or `conversion_id=`), or
the job a start method returned, which knows its type and task id."""


def _task_query(
    task: Task, task_id: str | None, conversion_id: str | None
) -> tuple[str, str | None, str | None]:
    """The conversion type, task id and conversion id of `task`: a job's own task id unless
    told another."""
    if not isinstance(task, ConversionStarted | MusicGenerationStarted):
        return task, task_id, conversion_id  # a type, checked by the caller
    conversion_type = conversion_type_of(task)
    if conversion_type is None:
        raise ValueError(
            f"a {type(task).__name__} does not say its conversion type: pass the type, "
            "e.g. wait_for_conversion('EXTRACTION', task_id=...)"
        )
    if task_id or conversion_id:
        return conversion_type, task_id, conversion_id
    return conversion_type, task.task_id, None


def _get_conversion(
    task: Task,
    *,
    task_id: str | None = None,
    conversion_id: str | None = None,
    **options: Unpack[CallOptions],
) -> Call[ConversionDetails, ConversionRecord]:
    """The current record of a task: of a job a start method returned, or by conversion
    type (an open string: the type its start method names, e.g. `"COVER"`) and `task_id`
    or `conversion_id`."""
    conversion_type, task_id, conversion_id = _task_query(task, task_id, conversion_id)
    if not isinstance(conversion_type, str) or not conversion_type.strip():
        raise ValueError("conversion_type must be a non-empty string, e.g. 'MUSIC_AI'")
    if not (task_id or conversion_id):
        raise ValueError("pass task_id or conversion_id")

    def record_of(details: ConversionDetails, response: Any) -> ConversionRecord:
        return as_record(details.conversion, conversion_type)

    query = {"conversion_type": conversion_type, "task_id": task_id, "conversion_id": conversion_id}
    return MUSICGPT.calls.built(  # type: ignore[no-any-return]
        "getConversion", ConversionDetails, record_of, None, query
    )


def _polling(
    timeout: float, poll_interval: float, clock: Callable[[], float]
) -> Polling[ConversionRecord]:
    return Polling(status_of=_status_of, timeout=timeout, interval=poll_interval, clock=clock)


def _wait_deadline(polling: Polling[Any]) -> float:
    """Seconds from now past which no poll, request or retry of a wait runs."""
    return polling.timeout + min(FINAL_POLL_GRACE, polling.timeout)


def _type_of_operation(operation: str) -> str | None:
    """The spec's `x-conversion-type` of an operation that starts a task."""
    value = MUSICGPT.operations.OPERATIONS[operation].get("conversion_type")
    return value if isinstance(value, str) else None


def _wait_for_conversion(
    client: Any,
    task: Task,
    *,
    task_id: str | None = None,
    conversion_id: str | None = None,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    extra_headers: Headers | None = None,
) -> Generator[Step, Any, ConversionRecord]:
    """Poll `get_conversion` (a job, or a type with `task_id` or `conversion_id`) every
    `poll_interval` seconds, growing, until COMPLETED; `ConversionFailedError` on ERROR or
    FAILED, `ConversionTimeoutError` when still running after `timeout` seconds (a poll
    started at the deadline gets `FINAL_POLL_GRACE` more; no request or retry runs past
    that). `job.wait(...)` is the same call."""
    call = _get_conversion(task, task_id=task_id, conversion_id=conversion_id)
    polling = _polling(timeout, poll_interval, client._clock)
    with call_deadline(_wait_deadline(polling)):
        for pause in polling:
            yield functools.partial(client._pause, pause)
            try:
                record = yield lambda: client._with(extra_headers=extra_headers)._request(call)
            except APIConnectionError as error:
                polling.raise_if_expired(error)
                raise
            polling.record(record)
    return polling.result()


def _iter_conversions(
    client: Any,
    *,
    page_size: int | None = None,
    conversion_type: str | None = None,
    start_date: Date | None = None,
    end_date: Date | None = None,
    sort_order: SortOrder | None = None,
    **options: Unpack[CallOptions],
) -> Generator[Step | Items[ConversionRecord], Any, None]:
    """Every conversion of the account that matches the filters, a page at a time."""
    filters: dict[str, Any] = {
        "limit": page_size,
        "conversion_type": conversion_type,
        "start_date": start_date,
        "end_date": end_date,
        "sort_order": sort_order,
    }
    fetch = functools.partial(client.list_user_conversions, **filters, **options)
    pager = KeyPager()
    while pager.more:
        page: ConversionPage = yield functools.partial(fetch, last_evaluated_key=pager.key)
        taken = pager.take(page.conversions, page.last_evaluated_key)
        yield Items([as_record(conversion) for conversion in taken])


class _Conversions:
    """What both flavours add to their generated methods: a started task comes back as a
    job (it knows its type, and `wait()`s), and the methods that take more than one call."""

    def _wrap_of(self, operation: str, result: type[Any]) -> tuple[type[Any], Any]:
        model = model_of(result)
        if model is result:
            return result, itself
        conversion_type = _type_of_operation(operation)

        def job_of(answer: Any, response: Any) -> Any:
            return as_job(answer, result, conversion_type, self)

        return model, job_of


class MusicGPT(_Conversions, SyncClient, Methods):
    """MusicGPT client. Key from `api_key` or `MUSICGPT_API_KEY` (sent raw in `Authorization`);
    base URL from `base_url`, `MUSICGPT_BASE_URL` or production. POST conversions are retried
    only when they certainly never reached the server (or were refused with 429).

    A start method answers at once with a job: the start response (`task_id`, the conversion
    id(s)) that also knows its `conversion_type`. Wait for the result with `job.wait()` (or
    `wait_for_conversion(job)`; `wait_for_conversion(<type>, task_id=...)` still works), or
    have it delivered to a `webhook_url` and received by `webhook_app` or `parse_webhook`.
    """

    profile = MUSICGPT
    get_conversion = procedures.sync_method(procedures.one_request(_get_conversion))
    wait_for_conversion = procedures.sync_method(_wait_for_conversion)
    iter_conversions = procedures.sync_iterator_method(_iter_conversions)
    with_raw_response = RawResponses(lambda client: MusicGPTRawResponses(client))


class AsyncMusicGPT(_Conversions, AsyncClient, AsyncMethods):
    """`MusicGPT` for asyncio: the same methods, awaited; the same retry engine."""

    profile = MUSICGPT
    get_conversion = procedures.async_method(procedures.one_request(_get_conversion))
    wait_for_conversion = procedures.async_method(_wait_for_conversion)
    iter_conversions = procedures.async_iterator_method(_iter_conversions)
    with_raw_response = RawResponses(lambda client: AsyncMusicGPTRawResponses(client))


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


def _status_of(conversion: Conversion) -> str | None:
    return conversion.status if isinstance(conversion.status, str) else None
