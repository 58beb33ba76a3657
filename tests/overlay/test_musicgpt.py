"""The MusicGPT facade over respx: requests, uploads, idempotency, polling, every status."""

from __future__ import annotations

import asyncio
import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import backbeat
import httpx
import pytest
import respx
from backbeat import AsyncMusicGPT, MusicGPT

from .conftest import FakeTime, Handle
from .musicgpt_support import (
    BASE_URL,
    CALLS,
    KEY,
    MUSIC_STARTED,
    STARTED,
    VOICES,
    a_file,
    make_mg,
    mock_mg,
    multipart_parts,
)

__all__ = ["make_mg", "mock_mg"]  # fixtures, used by name

operations = MusicGPT.profile.operations  # the generated facts the facade is built from


def conversion(status: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {"task_id": "task-1", "conversion_id": "conv-1"}
    if status is not None:
        record["status"] = status
    return {"success": True, "conversion": record}


def test_raw_key_and_environment(
    monkeypatch: pytest.MonkeyPatch, mock_mg: respx.MockRouter
) -> None:
    monkeypatch.setenv("MUSICGPT_API_KEY", KEY)
    monkeypatch.setenv("MUSICGPT_BASE_URL", BASE_URL)
    route = mock_mg.get("/v1/getAllVoices").respond(200, json=VOICES)
    assert MusicGPT().list_voices().total == 9
    assert route.calls.last.request.headers["Authorization"] == KEY  # raw, from SECURITY
    assert operations.SECURITY == {"header": "Authorization", "prefix": ""}
    monkeypatch.delenv("MUSICGPT_API_KEY")
    with pytest.raises(backbeat.BackbeatError, match="MUSICGPT_API_KEY"):
        AsyncMusicGPT()
    assert KEY not in repr(MusicGPT(KEY))


def test_generate_music(mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]) -> None:
    route = mock_mg.post("/v2/MusicAI").respond(200, json=MUSIC_STARTED)
    started = make_mg().call("generate_music", prompt="lofi", model="v7", make_instrumental=True)
    assert (started.task_id, started.conversion_id_1, started.eta) == ("task-2", "c1", 154)
    assert route.calls.last.request.content == (
        b'{"prompt":"lofi","make_instrumental":true,"model":"v7"}'
    )


def test_unknown_keyword_is_rejected(make_mg: Callable[..., Handle]) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        make_mg().call("generate_music", prompt="x", colour="blue")
    with pytest.raises(ValueError, match="v99"):
        make_mg().call("generate_music", prompt="x", model="v99")


def test_voices_and_lyrics(mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]) -> None:
    listed = mock_mg.get("/v1/getAllVoices").respond(200, json=VOICES)
    searched = mock_mg.get("/v1/searchVoices").respond(200, json=VOICES)
    lyrics = mock_mg.get("/v1/prompt_to_lyrics").respond(
        200, json={"success": True, "lyrics": "la"}
    )
    client = make_mg()
    assert client.call("list_voices", limit=1, page=2).voices[0].voice_id == "v1"
    assert client.call("search_voices", "warm").total == 9
    assert client.call("generate_lyrics", "rain").lyrics == "la"
    assert dict(listed.calls.last.request.url.params) == {"limit": "1", "page": "2"}
    assert dict(searched.calls.last.request.url.params) == {"query": "warm"}
    assert dict(lyrics.calls.last.request.url.params) == {"prompt": "rain"}


def test_text_to_speech(mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]) -> None:
    route = mock_mg.post("/v1/TextToSpeech").respond(200, json=STARTED)
    assert make_mg().call("text_to_speech", "hello", voice_id="v1").conversion_id == "conv-1"
    assert route.calls.last.request.content == b'{"text":"hello","voice_id":"v1"}'


def test_extract_stems_from_a_path(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], tmp_path: Path
) -> None:
    route = mock_mg.post("/v2/Extraction").respond(200, json=STARTED)
    song = a_file(tmp_path, "song.wav", b"RIFF-audio")
    result = make_mg().call("extract_stems", song, stems=["vocals", "drums"], eco_mode=True)
    assert result.task_id == "task-1"
    parts = multipart_parts(route.calls.last.request)
    assert parts["audio_file"] == b"song.wav|RIFF-audio"
    assert parts["stems"] == b'["vocals", "drums"]'
    assert parts["eco_mode"] == b"True"
    assert "audio_url" not in parts


def test_extract_stems_from_a_url_and_a_file_object(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route = mock_mg.post("/v2/Extraction").respond(200, json=STARTED)
    client = make_mg()
    client.call("extract_stems", "https://cdn.test/song.mp3", stems='["bass"]')
    from_url = multipart_parts(route.calls.last.request)
    assert (from_url["audio_url"], from_url["stems"]) == (b"https://cdn.test/song.mp3", b'["bass"]')
    assert "audio_file" not in from_url
    client.call("extract_stems", io.BytesIO(b"mp3-bytes"))
    assert multipart_parts(route.calls.last.request)["audio_file"] == b"audio|mp3-bytes"


def test_change_voice(mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]) -> None:
    route = mock_mg.post("/v1/VoiceChanger").respond(200, json=STARTED)
    make_mg().call("change_voice", io.BytesIO(b"voice"), "v1", remove_background=True, pitch=-2)
    parts = multipart_parts(route.calls.last.request)
    assert parts["voice_id"] == b"v1"
    assert parts["audio_file"] == b"audio|voice"
    assert (parts["remove_background"], parts["pitch"]) == (b"1", b"-2")


@pytest.mark.parametrize(
    ("audio", "error", "match"),
    [
        ("no/such/file.wav", FileNotFoundError, "no audio file"),
        (Path("/definitely/missing.mp3"), FileNotFoundError, "no audio file"),
        (42, TypeError, r"path, a binary file object or an http\(s\) URL"),
    ],
)
def test_bad_audio_input_is_a_clear_error(
    make_mg: Callable[..., Handle], audio: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        make_mg().call("change_voice", audio, "v1")


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("no route"),
        httpx.Response(429, json={"success": False, "error": "busy"}, headers={"Retry-After": "3"}),
    ],
)
def test_post_conversions_are_retried_when_they_never_arrived(
    mock_mg: respx.MockRouter,
    make_mg: Callable[..., Handle],
    failure: httpx.Response | Exception,
    tmp_path: Path,
) -> None:
    route = mock_mg.post("/v2/Extraction").mock(
        side_effect=[failure, httpx.Response(200, json=STARTED)]
    )
    upload = io.BytesIO(b"the-upload")
    assert make_mg().call("extract_stems", upload).task_id == "task-1"
    assert route.call_count == 2
    first, second = (multipart_parts(call.request) for call in route.calls)
    assert first["audio_file"] == second["audio_file"] == b"audio|the-upload"  # rewound


def test_get_conversion_is_retried_on_5xx(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route = mock_mg.get("/v1/byId").mock(
        side_effect=[httpx.Response(502), httpx.Response(200, json=conversion("COMPLETED"))]
    )
    record = make_mg().call("get_conversion", "MUSIC_AI", task_id="task-1")
    assert record.status == "COMPLETED"
    assert route.call_count == 2
    assert dict(route.calls.last.request.url.params) == {
        "conversionType": "MUSIC_AI",
        "task_id": "task-1",
    }


def test_get_conversion_needs_an_id_and_a_type(make_mg: Callable[..., Handle]) -> None:
    with pytest.raises(ValueError, match="task_id or conversion_id"):
        make_mg().call("get_conversion", "MUSIC_AI")
    for bad_type in ("", "  ", None, 7):
        with pytest.raises(ValueError, match="conversion_type must be a non-empty string"):
            make_mg().call("get_conversion", bad_type, task_id="t")


def test_wait_polls_with_backoff_until_completed(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime
) -> None:
    statuses = ["IN_QUEUE", "IN_PROGRESS", None, "PROCESSING", "completed"]
    route = mock_mg.get("/v1/byId").mock(
        side_effect=[httpx.Response(200, json=conversion(s)) for s in statuses]
    )
    record = make_mg().call("wait_for_conversion", "EXTRACTION", conversion_id="conv-1")
    assert record.status == "completed"
    assert route.call_count == 5
    assert fake_time.sleeps == [2.0, 3.0, 4.5, 6.75]
    assert dict(route.calls.last.request.url.params) == {
        "conversionType": "EXTRACTION",
        "conversion_id": "conv-1",
    }


def test_wait_interval_is_capped(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime
) -> None:
    mock_mg.get("/v1/byId").mock(
        side_effect=[httpx.Response(200, json=conversion("IN_QUEUE"))] * 12
        + [httpx.Response(200, json=conversion("COMPLETED"))]
    )
    make_mg().call("wait_for_conversion", "MUSIC_AI", task_id="t", poll_interval=5, timeout=3600)
    assert max(fake_time.sleeps) == 30.0
    assert fake_time.sleeps[:3] == [5.0, 7.5, 11.25]


@pytest.mark.parametrize("status", ["ERROR", "FAILED", "failed"])
def test_wait_raises_on_failure(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], status: str
) -> None:
    mock_mg.get("/v1/byId").mock(
        side_effect=[
            httpx.Response(200, json=conversion("IN_PROGRESS")),
            httpx.Response(200, json=conversion(status)),
        ]
    )
    with pytest.raises(backbeat.ConversionFailedError) as caught:
        make_mg().call("wait_for_conversion", "MUSIC_AI", task_id="task-1")
    assert caught.value.status == status.upper()
    assert caught.value.record.task_id == "task-1"
    assert status.upper() in str(caught.value)


def test_wait_raises_at_the_deadline(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime
) -> None:
    route = mock_mg.get("/v1/byId").respond(200, json=conversion("IN_PROGRESS"))
    start = fake_time.now
    with pytest.raises(backbeat.ConversionTimeoutError) as caught:
        make_mg().call("wait_for_conversion", "MUSIC_AI", task_id="t", timeout=10, poll_interval=2)
    assert fake_time.sleeps == [2.0, 3.0, 4.5, 0.5]  # the last wait is cut to the deadline
    assert fake_time.now == start + 10
    assert route.call_count == 5
    assert "IN_PROGRESS" in str(caught.value)
    assert caught.value.record.status == "IN_PROGRESS"


@pytest.mark.parametrize(("timeout", "interval"), [(0, 1), (10, 0), (-1, 1)])
def test_wait_rejects_nonsense_settings(
    make_mg: Callable[..., Handle], timeout: float, interval: float
) -> None:
    with pytest.raises(ValueError, match="positive"):
        make_mg().call(
            "wait_for_conversion", "MUSIC_AI", task_id="t", timeout=timeout, poll_interval=interval
        )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"success": False, "error": "from error", "message": "m", "detail": "d"}, "from error"),
        ({"success": False, "message": "from message", "detail": "d"}, "from message"),
        ({"success": False, "detail": "from detail"}, "from detail"),
        ({"success": False, "detail": [{"loc": ["prompt"]}]}, '[{"loc": ["prompt"]}]'),
        ({"success": False}, "Bad Request"),
    ],
)
def test_message_resolution_order(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], body: dict[str, Any], message: str
) -> None:
    mock_mg.get("/v1/getAllVoices").respond(400, json=body)
    with pytest.raises(backbeat.BadRequestError) as caught:
        make_mg().call("list_voices")
    assert caught.value.message == message


def test_payment_required_credits(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    body = {"success": False, "error": "Insufficient credits", "required_credits": 2,
            "available_credits": 0.25}  # fmt: skip
    mock_mg.post("/v1/TextToSpeech").respond(402, json=body)
    with pytest.raises(backbeat.PaymentRequiredError) as caught:
        make_mg().call("text_to_speech", "hi")
    assert (caught.value.required_credits, caught.value.available_credits) == (2, 0.25)
    assert caught.value.message == "Insufficient credits"


EXPECTED_CLASS = {
    400: backbeat.BadRequestError,
    401: backbeat.AuthenticationError,
    402: backbeat.PaymentRequiredError,
    403: backbeat.PermissionDeniedError,
    404: backbeat.NotFoundError,
    409: backbeat.ConflictError,
    422: backbeat.UnprocessableEntityError,
    429: backbeat.RateLimitError,
    500: backbeat.InternalServerError,
}
DOCUMENTED = [
    (name, status)
    for name, facts in sorted(operations.OPERATIONS.items())
    for status in facts["statuses"]
    if status != 200
]


def test_every_documented_error_status_of_every_operation_raises_its_class(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    """The status picks the class whatever the operation (one rule), and every operation's
    method reads each of its documented error statuses into it, message and all."""
    client = make_mg(max_retries=0)
    for operation, status in DOCUMENTED:
        facts = operations.OPERATIONS[operation]
        route = mock_mg.route(method=facts["method"], path=facts["path"]).respond(
            status, json={"success": False, "error": f"status {status}"}
        )
        route.reset()
        method, args, kwargs = CALLS[operation]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the v1 operations warn
            with pytest.raises(backbeat.APIStatusError) as caught:
                client.call(method, *args, **kwargs)
        assert type(caught.value) is EXPECTED_CLASS[status], (operation, status)
        assert caught.value.message == f"status {status}", (operation, status)
        assert route.call_count == 1, (operation, status)
    assert {status for _, status in DOCUMENTED} == set(EXPECTED_CLASS)


def test_async_calls_share_one_event_loop(mock_mg: respx.MockRouter) -> None:
    mock_mg.get("/v1/getAllVoices").respond(200, json=VOICES)

    async def run() -> list[int]:
        async with AsyncMusicGPT(KEY, base_url=BASE_URL) as client:
            pages = await asyncio.gather(*(client.list_voices() for _ in range(5)))
            return [page.total for page in pages]

    assert asyncio.run(run()) == [9] * 5
