"""Every operation of the MusicGPT spec through the facade (respx, sync and async): a method
each, the request each sends (method, path, encoding, files vs URLs, list fields), its
idempotency, waiting for every conversion type, and paging through the user's conversions."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import urllib.parse
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import backbeat
import httpx
import pytest
import respx
from backbeat import AsyncMusicGPT, MusicGPT

from .conftest import FakeTime, Handle
from .musicgpt_support import (
    CALLS,
    KEY,
    OPERATIONS,
    URL,
    a_file,
    answered,
    make_mg,
    mock_mg,
    multipart_parts,
    request_content_types,
    route_of,
    snake_case,
    spec_operation,
    success_body,
)

__all__ = ["make_mg", "mock_mg"]  # fixtures, used by name

DEPRECATED = sorted(op for op in OPERATIONS if spec_operation(op).get("deprecated"))
POSTS = sorted(op for op, facts in OPERATIONS.items() if facts["method"] == "POST")
CONVERSIONS = sorted(op for op, facts in OPERATIONS.items() if "conversion_type" in facts)


def call(handle: Handle, operation: str, *args: Any, **kwargs: Any) -> Any:
    """`handle.call` of the operation's method, with `CALLS`' arguments unless given."""
    method, default_args, default_kwargs = CALLS[operation]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # tested on its own below
        return handle.call(method, *(args or default_args), **{**default_kwargs, **kwargs})


def test_every_operation_has_a_sync_and_an_async_method() -> None:
    assert set(CALLS) == set(OPERATIONS), "CALLS lists every operationId of the spec"
    assert len(OPERATIONS) == 30
    for operation, (method, _, _) in CALLS.items():
        assert method == snake_case(operation)
        sync, async_ = getattr(MusicGPT, method), getattr(AsyncMusicGPT, method)
        assert inspect.iscoroutinefunction(async_), method
        assert inspect.signature(sync).parameters == inspect.signature(async_).parameters


def test_every_public_method_serves_an_operation_or_builds_on_one() -> None:
    def public(cls: type) -> set[str]:
        return {
            name
            for owner in cls.__mro__  # the facade and its generated methods
            if owner is cls or owner.__name__ in ("Methods", "AsyncMethods")
            for name in vars(owner)
            if not name.startswith("_")
        } - {"profile", "with_raw_response"}

    served = {snake_case(operation) for operation in OPERATIONS}
    assert public(MusicGPT) - served == {"wait_for_conversion", "iter_conversions"}
    assert served <= public(MusicGPT)
    assert public(MusicGPT) == public(AsyncMusicGPT)


def test_request_shape_follows_the_spec(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    """For every operation: method, path, the raw key, and the spec's first encoding."""
    for operation in sorted(CALLS):
        _request_shape_follows_the_spec(mock_mg, make_mg, operation)


def _request_shape_follows_the_spec(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], operation: str
) -> None:
    route = answered(mock_mg, operation)
    call(make_mg(), operation)
    request = route.calls.last.request
    facts = OPERATIONS[operation]
    assert (request.method, request.url.path) == (facts["method"], "/api/public" + facts["path"])
    assert request.headers["Authorization"] == KEY  # the raw key, no scheme
    content_type = request.headers.get("content-type", "").split(";")[0]
    encodings = request_content_types(operation)
    if not encodings:
        assert request.content == b""
        assert content_type == ""
        return
    assert content_type == encodings[0], "the spec's first (documented) encoding is sent"
    fields = decoded_fields(request)
    if any(name.endswith("_url") for name in fields):
        assert not any(name.endswith("_file") for name in fields), "a URL is sent as a URL"


def decoded_fields(request: httpx.Request) -> dict[str, Any]:
    content_type = request.headers["content-type"]
    if content_type.startswith("application/json"):
        return dict(json.loads(request.content))
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(urllib.parse.parse_qsl(request.content.decode()))
    return {name: value.decode() for name, value in multipart_parts(request).items()}


MEDIA_CALLS = [
    (op, CALLS[op][0], args) for op, (_, args, _) in sorted(CALLS.items()) if args[:1] == (URL,)
]


@pytest.mark.parametrize("source", ["path", "file object", "url"])
def test_audio_from_a_path_a_file_object_or_a_url(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], tmp_path: Path, source: str
) -> None:
    """For every operation that takes audio."""
    song = a_file(tmp_path, "take.wav", b"RIFF-take")
    for operation, _, args in MEDIA_CALLS:
        route = answered(mock_mg, operation)
        audio = {"path": song, "file object": io.BytesIO(b"RIFF-take"), "url": URL}[source]
        call(make_mg(), operation, audio, *args[1:])
        parts = multipart_parts(route.calls.last.request)
        if source == "url":
            assert parts["audio_url"] == URL.encode(), operation
            assert "audio_file" not in parts, operation
        else:
            name = "take.wav" if source == "path" else "audio"
            assert parts["audio_file"] == f"{name}|RIFF-take".encode(), operation
            assert "audio_url" not in parts, operation


def test_mastering_takes_two_files_or_two_urls(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], tmp_path: Path
) -> None:
    """The spec pairs like with like: both uploads, or both URLs."""
    route = answered(mock_mg, "masterAudio")
    reference = a_file(tmp_path, "reference.flac", b"fLaC")
    make_mg().call("master_audio", io.BytesIO(b"ID3"), reference, output_extension="wav")
    parts = multipart_parts(route.calls.last.request)
    assert (parts["audio_file"], parts["reference_audio_file"]) == (
        b"audio|ID3",
        b"reference.flac|fLaC",
    )
    assert parts["output_extension"] == b"wav"
    make_mg().call("master_audio", URL, "https://cdn.test/ref.mp3")
    parts = multipart_parts(route.calls.last.request)
    assert parts == {"audio_url": URL.encode(), "reference_audio_url": b"https://cdn.test/ref.mp3"}


def test_image_to_song_uploads_an_image(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], tmp_path: Path
) -> None:
    route = answered(mock_mg, "imageToSong")
    picture = a_file(tmp_path, "cover.png", b"\x89PNG")
    started = make_mg().call(
        "image_to_song", picture, prompt="dreamy", bpm=90, make_instrumental=True
    )
    assert (started.conversion_id_1, started.conversion_id_2) == ("c1", "c2")
    request = route.calls.last.request
    parts = multipart_parts(request)
    assert parts["image_file"] == b"cover.png|\x89PNG"
    assert b'filename="cover.png"\r\nContent-Type: image/png' in request.content
    assert (parts["prompt"], parts["bpm"], parts["make_instrumental"]) == (
        b"dreamy",
        b"90",
        b"True",
    )
    make_mg().call("image_to_song", "https://cdn.test/cover.png")
    assert multipart_parts(route.calls.last.request) == {"image_url": b"https://cdn.test/cover.png"}


@pytest.mark.parametrize("method", ["extract_stems", "extract_stems_v1"])
def test_list_fields_travel_as_json_strings(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], method: str
) -> None:
    operation = next(op for op, (name, _, _) in CALLS.items() if name == method)
    route = answered(mock_mg, operation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        make_mg().call(method, URL, stems=("vocals", "drums"), preprocessing_options=["Denoise"])
    parts = multipart_parts(route.calls.last.request)
    assert json.loads(parts["stems"]) == ["vocals", "drums"]
    assert json.loads(parts["preprocessing_options"]) == ["Denoise"]


FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


@pytest.mark.parametrize(
    ("method", "args", "options", "encoding", "expected"),
    [
        ("generate_sound", ("rain",), {"audio_length": 12, "generate_album_cover": True}, FORM,
         {"prompt": "rain", "audio_length": "12", "generate_album_cover": "true"}),
        ("generate_image", (), {"prompt": "a fox", "width": 544, "height": 960, "seed": 7,
                                "style_preset": "Anime"}, FORM,
         {"prompt": "a fox", "width": "544", "height": "960", "seed": "7",
          "style_preset": "Anime"}),
        ("remix_song", (URL,), {"prompt": "lo-fi", "gender": "female", "lyrics_timestamps": True},
         MULTIPART, {"audio_url": URL, "prompt": "lo-fi", "gender": "female",
                     "lyrics_timestamps": "True"}),
        ("extend_song", (URL, 35.5), {"num_outputs": 1, "lyrics_section_to_extend": "la"},
         MULTIPART, {"audio_url": URL, "extend_after": "35.5", "num_outputs": "1",
                     "lyrics_section_to_extend": "la"}),
        ("inpaint_song", (URL, "choir", 12.5, 20), {"lyrics_section_to_replace": "oh"},
         MULTIPART, {"audio_url": URL, "prompt": "choir", "replace_start_at": "12.5",
                     "replace_end_at": "20", "lyrics_section_to_replace": "oh"}),
        ("sing_over_instrumental", (URL,), {"prompt": "soul", "lyrics": "la la", "title": "T"},
         MULTIPART, {"audio_url": URL, "prompt": "soul", "lyrics": "la la", "title": "T"}),
        ("sing_over_vocal", (URL,), {"lyrics": "la la", "make_instrumental": False}, MULTIPART,
         {"audio_url": URL, "lyrics": "la la", "make_instrumental": "False"}),
        ("change_voice", (URL, "v1"), {"remove_background": True, "pitch": -2}, MULTIPART,
         {"audio_url": URL, "voice_id": "v1", "remove_background": "1", "pitch": "-2"}),
        ("cover_song", (URL, "Drake"), {"pitch": 12, "webhook_url": "https://hooks.test/x"},
         MULTIPART, {"audio_url": URL, "voice_id": "Drake", "pitch": "12",
                     "webhook_url": "https://hooks.test/x"}),
        ("transcribe_audio", (URL,), {"language": "en", "translate": True,
                                      "transcription_format": "srt", "word_timestamps": False},
         MULTIPART, {"audio_url": URL, "language": "en", "translate": "True",
                     "transcription_format": "srt", "word_timestamps": "False"}),
        ("cut_audio", (URL, 10500, 45000.5), {"output_extension": "mp3"}, MULTIPART,
         {"audio_url": URL, "start_time": "10500", "end_time": "45000.5",
          "output_extension": "mp3"}),
        ("change_audio_speed", (URL, 0.25), {}, MULTIPART,
         {"audio_url": URL, "speed_change_factor": "0.25"}),
        ("convert_audio_to_midi", (URL,), {"sonify_midi": False, "save_note_events": True},
         MULTIPART, {"audio_url": URL, "sonify_midi": "False", "save_note_events": "True"}),
        ("convert_file", (URL, "flac"), {"target_sr": 48000, "target_bit_depth": 24}, MULTIPART,
         {"audio_url": URL, "target_format": "flac", "target_sr": "48000",
          "target_bit_depth": "24"}),
        ("text_to_speech", ("hello",), {"sample_audio_url": URL, "gender": "female"},
         "application/json", {"text": "hello", "sample_audio_url": URL, "gender": "female"}),
        ("generate_music_v1", (), {"lyrics": "la", "music_style": "Pop"}, "application/json",
         {"lyrics": "la", "music_style": "Pop"}),
    ],
)  # fmt: skip
def test_fields_on_the_wire(
    mock_mg: respx.MockRouter,
    make_mg: Callable[..., Handle],
    method: str,
    args: tuple[Any, ...],
    options: dict[str, Any],
    encoding: str,
    expected: dict[str, str],
) -> None:
    """Only the fields given travel (the server applies its own defaults), each as its
    encoding writes it: a form's booleans as `true` (urlencoded) or `True` (multipart)."""
    operation = next(op for op, (name, _, _) in CALLS.items() if name == method)
    route = answered(mock_mg, operation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        make_mg().call(method, *args, **options)
    request = route.calls.last.request
    assert request.headers["content-type"].split(";")[0] == encoding
    assert decoded_fields(request) == expected


@pytest.mark.parametrize(
    "case",
    [
        ("convert_file", (URL, "mp4"), {}, "'mp4' is not a valid"),
        ("convert_file", (URL, "wav"), {"target_sr": 44000}, "44000 is not a valid"),
        ("cut_audio", (URL, 0, 1), {"output_extension": "exe"}, "'exe' is not a valid"),
        ("remix_song", (URL,), {"prompt": "x", "gender": "robot"}, "'robot' is not a valid"),
        ("remix_song", (URL,), {}, "prompt"),
        ("sing_over_instrumental", (URL,), {"title": "t"}, "prompt"),
        ("cover_song", (URL, "v1"), {"remove_background": True}, "argument 'remove_back"),
        ("transcribe_audio", (URL,), {"transcription_format": "pdf"}, "'pdf' is not a valid"),
        ("cover_song", (URL, "v1"), {"pitch_shift": 3}, "keyword argument 'pitch_shift'"),
        ("generate_image", (), {"colour": "red"}, "keyword argument 'colour'"),
        ("list_user_conversions", (), {"page": 2}, "keyword argument 'page'"),
    ],
)
def test_bad_values_fail_before_sending(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], case: tuple[Any, ...]
) -> None:
    """(method, positional arguments, options, what the error says)"""
    method, args, options, match = case
    route = mock_mg.route().respond(200, json={})
    with pytest.raises((ValueError, TypeError), match=match):
        make_mg().call(method, *args, **options)
    assert route.call_count == 0


class Unreadable:
    read = None


@pytest.mark.parametrize(
    ("media", "error", "match"),
    [
        (b"RIFF", TypeError, r"bytes \(wrap them in io.BytesIO\)"),
        (io.StringIO("text"), TypeError, "text mode"),
        (42, TypeError, r"a path, a binary file object or an http\(s\) URL, not int"),
        (Unreadable(), TypeError, "not Unreadable"),
        (None, TypeError, "not NoneType"),
        ("ftp://files.test/a.mp3", ValueError, r"only http\(s\) URLs"),
        ("file:///etc/passwd", ValueError, r"only http\(s\) URLs"),
        ("https://", ValueError, r"only http\(s\) URLs with a host"),
        ("https://cdn.test/a b.mp3", ValueError, r"only http\(s\) URLs with a host"),
        ("", ValueError, "empty string"),
        ("missing/take.wav", FileNotFoundError, "no image file"),
    ],
)
def test_bad_media_inputs_fail_before_sending(
    mock_mg: respx.MockRouter,
    make_mg: Callable[..., Handle],
    media: Any,
    error: type[Exception],
    match: str,
) -> None:
    route = mock_mg.route().respond(200, json={})
    with pytest.raises(error, match=match):
        make_mg().call("image_to_song", media)
    assert route.call_count == 0


def test_directories_and_closed_files_are_refused(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], tmp_path: Path
) -> None:
    route = mock_mg.route().respond(200, json={})
    with pytest.raises(IsADirectoryError, match="is a directory"):
        make_mg().call("denoise_audio", tmp_path)
    closed = io.BytesIO(b"x")
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        make_mg().call("master_audio", URL, closed)
    assert route.call_count == 0


@pytest.mark.parametrize("operation", DEPRECATED)
def test_deprecated_operations_warn_and_still_work(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], operation: str
) -> None:
    assert DEPRECATED == ["extractStemsV1", "generateMusicV1"]
    route = answered(mock_mg, operation)
    method, args, kwargs = CALLS[operation]
    with pytest.warns(DeprecationWarning, match=f"{method} calls a deprecated vendor endpoint"):
        make_mg().call(method, *args, **kwargs)
    assert route.call_count == 1


MAY_HAVE_ARRIVED = {  # failures after which the server may have acted on the request
    "500": httpx.Response(500),
    "502": httpx.Response(502),
    "503": httpx.Response(503),
    "408": httpx.Response(408),
    "read-timeout": httpx.ReadTimeout("no answer"),
    "write-timeout": httpx.WriteTimeout("stalled upload"),
    "peer-closed": httpx.RemoteProtocolError("peer closed"),
}


def test_post_conversions_are_never_repeated_once_they_may_have_arrived(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime
) -> None:
    """Every POST of the spec is non-idempotent, and the retry rule for one is a function of
    that flag alone: checked for each POST against each failure that may have arrived."""
    client = make_mg(max_retries=5)
    for operation in POSTS:
        assert OPERATIONS[operation]["idempotent"] is False, operation
        route = route_of(mock_mg, operation)
        for name, failure in MAY_HAVE_ARRIVED.items():
            route.reset()
            route.mock(side_effect=[failure, httpx.Response(200, json=success_body(operation))])
            with pytest.raises(backbeat.APIError):
                call(client, operation)
            assert route.call_count == 1, (operation, name)
    assert fake_time.sleeps == []


def test_post_conversions_are_retried_when_refused_unseen(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    """A refused connection proves the request never arrived: every POST is retried."""
    client = make_mg()
    for operation in POSTS:
        route = route_of(mock_mg, operation).mock(
            side_effect=[
                httpx.ConnectError("refused"),
                httpx.Response(200, json=success_body(operation)),
            ]
        )
        assert call(client, operation).task_id, operation
        assert route.call_count == 2, operation


def conversion_record(status: str) -> dict[str, Any]:
    return {"success": True, "conversion": {"task_id": "task-1", "status": status}}


def test_wait_for_every_conversion_type(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime
) -> None:
    """For every operation that starts a conversion."""
    for operation in CONVERSIONS:
        fake_time.sleeps.clear()
        _wait_for_the_conversion_of(mock_mg, make_mg, fake_time, operation)


def _wait_for_the_conversion_of(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], fake_time: FakeTime, operation: str
) -> None:
    answered(mock_mg, operation)
    by_id = mock_mg.get("/v1/byId").mock(
        side_effect=[
            httpx.Response(200, json=conversion_record(s)) for s in ("IN_QUEUE", "COMPLETED")
        ]
    )
    client = make_mg()
    started = call(client, operation)
    conversion_id = getattr(started, "conversion_id", None) or started.conversion_id_1
    conversion_type = OPERATIONS[operation]["conversion_type"]
    record = client.call(
        "wait_for_conversion", conversion_type, conversion_id=conversion_id, poll_interval=1
    )
    assert record.status == "COMPLETED"
    assert dict(by_id.calls.last.request.url.params) == {
        "conversionType": conversion_type,
        "conversion_id": conversion_id,
    }
    assert fake_time.sleeps == [1.0]


@pytest.mark.parametrize("method", ["get_conversion", "wait_for_conversion"])
def test_a_conversion_type_this_version_does_not_know_is_sent_as_given(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], method: str
) -> None:
    # Decision 13: conversionType is an open string; a new vendor value must not break a client.
    by_id = mock_mg.get("/v1/byId").respond(200, json=conversion_record("COMPLETED"))
    make_mg().call(method, "VIDEO_GENERATOR", task_id="task-1")
    assert by_id.calls.last.request.url.params["conversionType"] == "VIDEO_GENERATOR"


def page(keys: list[str], last_key: Any = None) -> httpx.Response:
    body: dict[str, Any] = {
        "success": True,
        "conversions": [{"task_id": key, "conversion_id": f"c-{key}"} for key in keys],
    }
    if last_key is not None:
        body["LastEvaluatedKey"] = last_key
    return httpx.Response(200, json=body)


def test_iter_conversions_follows_last_evaluated_key(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route = mock_mg.get("/v1/byUser").mock(
        side_effect=[page(["a", "b"], "key-1"), page([], "key-2"), page(["c"])]
    )
    since = datetime(2026, 8, 1, 12, 0, tzinfo=UTC)
    records = make_mg().collect(
        "iter_conversions", page_size=2, conversion_type="COVER", start_date=since, sort_order="ASC"
    )
    assert [record.task_id for record in records] == ["a", "b", "c"]
    sent = [dict(c.request.url.params) for c in route.calls]
    common = {"limit": "2", "conversionType": "COVER", "sortOrder": "ASC",
              "startDate": "2026-08-01T12:00:00+00:00"}  # fmt: skip
    assert sent == [common, {**common, "LastEvaluatedKey": "key-1"},
                    {**common, "LastEvaluatedKey": "key-2"}]  # fmt: skip


@pytest.mark.parametrize("last_key", [None, "", "null"])
def test_iter_conversions_stops_at_a_page_without_a_key(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle], last_key: Any
) -> None:
    body: dict[str, Any] = {"success": True, "conversions": [{"task_id": "a"}]}
    if last_key != "null":
        body["LastEvaluatedKey"] = last_key
    route = mock_mg.get("/v1/byUser").respond(200, json=body)
    assert [r.task_id for r in make_mg().collect("iter_conversions")] == ["a"]
    assert route.call_count == 1
    assert "limit" not in route.calls.last.request.url.params  # the server's default


def test_iter_conversions_refuses_to_loop_on_a_repeated_key(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route = mock_mg.get("/v1/byUser").mock(
        side_effect=[page(["a"], "k"), page(["b"], "k"), page(["c"])]
    )
    with pytest.raises(backbeat.APIError, match="repeated the continuation key 'k'"):
        make_mg().collect("iter_conversions")
    assert route.call_count == 2


def test_iter_conversions_is_lazy(mock_mg: respx.MockRouter) -> None:
    route = mock_mg.get("/v1/byUser").mock(side_effect=[page(["a"], "k1"), page(["b"], "k2")])
    client = MusicGPT(KEY, base_url="https://musicgpt.test/api/public")
    first = next(iter(client.iter_conversions()))
    assert (first.task_id, route.call_count) == ("a", 1)

    async def first_async() -> str:
        async with AsyncMusicGPT(KEY, base_url="https://musicgpt.test/api/public") as aclient:
            async for record in aclient.iter_conversions():
                return str(record.task_id)
        return ""

    assert asyncio.run(first_async()) == "b"
    assert route.call_count == 2


def test_list_user_conversions_one_page(
    mock_mg: respx.MockRouter, make_mg: Callable[..., Handle]
) -> None:
    route = mock_mg.get("/v1/byUser").mock(return_value=page(["a"], "next"))
    result = make_mg().call("list_user_conversions", limit=1, last_evaluated_key="prev")
    assert (result.conversions[0].task_id, result.last_evaluated_key) == ("a", "next")
    assert dict(route.calls.last.request.url.params) == {"limit": "1", "LastEvaluatedKey": "prev"}


def test_the_builder_names_missing_required_fields() -> None:
    """A required field the caller left out is named before anything is sent, whichever
    way the facade passes it (the facade's positional arguments make this rare)."""
    from backbeat._calls import CallBuilder
    from backbeat._generated import musicgpt as musicgpt_client
    from backbeat._generated.musicgpt.models import ConversionStarted, LyricsResult

    builder = CallBuilder(musicgpt_client)
    with pytest.raises(TypeError, match="coverSong needs voice_id"):
        builder.call("coverSong", ConversionStarted, {"audio": URL})
    with pytest.raises(TypeError, match="cutAudio needs end_time, start_time"):
        builder.call("cutAudio", ConversionStarted, {"audio": URL})
    with pytest.raises(TypeError, match="listVoices does not answer ConversionStarted"):
        builder.call("listVoices", ConversionStarted)
    with pytest.raises(LookupError, match="no operation fetchWeather"):
        builder.call("fetchWeather", ConversionStarted)
    with pytest.raises(TypeError, match="generateLyrics takes no upload"):
        builder.call("generateLyrics", LyricsResult, {"audio": URL})
