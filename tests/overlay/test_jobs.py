"""Started tasks carry their conversion type: waiting needs nothing but the job."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import respx
from backbeat import ConversionTimeoutError, MusicGPT
from backbeat.musicgpt import ConversionJob, ConversionRecord, MusicGenerationJob

from .conftest import Handle
from .musicgpt_support import (
    MUSIC_STARTED,
    STARTED,
    URL,
    answered,
    make_mg,
    mock_mg,
    route_of,
)
from .test_deadlines import trickling_server

__all__ = ["make_mg", "mock_mg"]  # fixtures, used by name


def _run(result: Any) -> Any:
    return asyncio.run(result) if inspect.isawaitable(result) else result


def _completed(feature: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"task_id": "task-1", "status": "COMPLETED"}
    if feature is not None:
        record["feature"] = feature
    return {"success": True, "conversion": record}


@dataclass(frozen=True)
class Start:
    """A start method's call, the operation it sends and the answer it gets."""

    operation: str
    method: str
    arguments: tuple[Any, ...]
    options: dict[str, Any]
    answer: dict[str, Any]
    conversion_type: str


@pytest.mark.parametrize(
    "start",
    [
        Start("extractStems", "extract_stems", (URL,), {}, STARTED, "EXTRACTION"),
        Start("textToSpeech", "text_to_speech", ("hello",), {}, STARTED, "TEXT_TO_SPEECH"),
        Start("generateMusic", "generate_music", (), {"prompt": "x"}, MUSIC_STARTED, "MUSIC_AI"),
    ],
    ids=lambda start: start.method,
)
def test_a_started_job_waits_from_the_object_alone(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], start: Start
) -> None:
    answer, conversion_type = start.answer, start.conversion_type
    route_of(mock_mg, start.operation).respond(200, json=answer)
    polled = route_of(mock_mg, "getConversion").respond(200, json=_completed())
    handle = make_mg()
    job = handle.call(start.method, *start.arguments, **start.options)
    assert job.conversion_type == conversion_type
    assert job.task_id == answer["task_id"]  # the start response, as before
    assert isinstance(job, ConversionJob | MusicGenerationJob) or type(job).__name__.startswith(
        "Async"
    )

    by_client = handle.call("wait_for_conversion", job)
    by_job = _run(job.wait(poll_interval=0.5))
    for record in (by_client, by_job):
        assert isinstance(record, ConversionRecord)
        assert record.status == "COMPLETED"
        assert record.conversion_type == conversion_type  # no `feature`: the type asked by
    assert [dict(call.request.url.params) for call in polled.calls] == 2 * [
        {"conversionType": conversion_type, "task_id": answer["task_id"]}
    ]


def test_the_old_spelling_still_works_and_a_job_can_be_looked_up(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    answered(mock_mg, "extractStems")
    polled = route_of(mock_mg, "getConversion").respond(200, json=_completed("EXTRACTION"))
    handle = make_mg()
    job = handle.call("extract_stems", URL)
    assert handle.call("wait_for_conversion", "EXTRACTION", task_id="t-9").status == "COMPLETED"
    assert handle.call("get_conversion", job).conversion_type == "EXTRACTION"
    assert handle.call("get_conversion", job, conversion_id="c-3").status == "COMPLETED"
    assert [call.request.url.params.get("task_id") for call in polled.calls] == [
        "t-9",
        job.task_id,
        None,
    ]


def test_records_expose_conversion_type_alongside_the_vendors_feature(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route_of(mock_mg, "getConversion").respond(200, json=_completed("MUSIC_AI"))
    route_of(mock_mg, "listUserConversions").respond(
        200,
        json={"success": True, "conversions": [{"task_id": "a", "feature": "COVER"}]},
    )
    handle = make_mg()
    record = handle.call("get_conversion", "MUSIC_AI", task_id="task-1")
    assert (record.feature, record.conversion_type) == ("MUSIC_AI", "MUSIC_AI")
    (listed,) = handle.collect("iter_conversions")
    assert (listed.feature, listed.conversion_type) == ("COVER", "COVER")
    assert listed.to_dict() == {"task_id": "a", "feature": "COVER"}  # the model's, unchanged


def test_a_plain_start_model_without_a_type_asks_for_one(make_mg: Callable[..., Handle]) -> None:
    from backbeat._generated.musicgpt.models import ConversionStarted

    started = ConversionStarted(success=True, task_id="t", conversion_id="c")
    with pytest.raises(ValueError, match="does not say its conversion type"):
        make_mg().call("wait_for_conversion", started)


@pytest.mark.slow
def test_wait_for_conversion_keeps_its_deadline_when_a_poll_hangs() -> None:
    """A poll that would take the whole HTTP timeout (60 s) is cut at the wait's deadline."""
    with trickling_server("body") as url, MusicGPT("mg_deadline_key", base_url=url) as client:
        started = time.monotonic()
        with pytest.raises(ConversionTimeoutError) as caught:
            client.wait_for_conversion("MUSIC_AI", task_id="t", timeout=0.5)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0  # the wait's 0.5 s, then as long again for the poll in flight
    assert isinstance(caught.value.__cause__, Exception)
    assert "after 0.5 s" in str(caught.value)


def test_retries_do_not_wait_past_the_wait_deadline(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    """A poll answered 429 with `Retry-After: 30` inside a 1 s wait is not retried in 30 s."""
    route_of(mock_mg, "getConversion").respond(
        429, json={"success": False, "error": "slow down"}, headers={"retry-after": "30"}
    )
    handle = make_mg(sleep=_no_sleep)
    with pytest.raises(Exception, match="slow down"):
        handle.call("wait_for_conversion", "MUSIC_AI", task_id="t", timeout=1.0)


def _no_sleep(seconds: float) -> None:
    raise AssertionError(f"slept {seconds} s past the wait's deadline")
