"""What the MusicGPT facade tests share: the mock, bodies, a multipart reader, and one minimal
call of every operation of the spec."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import backbeat_specs
import httpx
import pytest
import respx
from backbeat import AsyncMusicGPT, MusicGPT

from .conftest import FakeTime, Handle, client_factory

BASE_URL = "https://musicgpt.test/api/public"
KEY = "mg_secret_key_5a4b3c"
URL = "https://cdn.test/take.mp3"
OPERATIONS = MusicGPT.profile.operations.OPERATIONS  # the generated facts the facade serves
READER = backbeat_specs.load_api("musicgpt")
SPEC = READER.document
STARTED = {"success": True, "task_id": "task-1", "conversion_id": "conv-1", "status": "IN_QUEUE"}
MUSIC_STARTED = {
    "success": True,
    "task_id": "task-2",
    "conversion_id_1": "c1",
    "conversion_id_2": "c2",
    "eta": 154,
}
VOICES = {"success": True, "voices": [{"voice_id": "v1", "voice_name": "V"}], "limit": 1,
          "page": 0, "total": 9}  # fmt: skip

# One minimal valid call per operationId: (method, positional arguments, keywords). The
# method name is the operationId in snake_case (checked by a test).
CALLS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "generateMusic": ("generate_music", (), {"prompt": "x"}),
    "generateMusicV1": ("generate_music_v1", (), {"prompt": "x"}),
    "remixSong": ("remix_song", (URL, "lo-fi"), {}),
    "extendSong": ("extend_song", (URL, 35.0), {}),
    "inpaintSong": ("inpaint_song", (URL, "a choir", 12.5, 20.0), {}),
    "singOverInstrumental": ("sing_over_instrumental", (URL, "soul", "la la"), {}),
    "singOverVocal": ("sing_over_vocal", (URL, "la la"), {}),
    "generateSound": ("generate_sound", ("rain on a tin roof",), {}),
    "generateLyrics": ("generate_lyrics", ("rain",), {}),
    "textToSpeech": ("text_to_speech", ("hi",), {}),
    "changeVoice": ("change_voice", (URL, "v1"), {}),
    "coverSong": ("cover_song", (URL, "v1"), {}),
    "extractStems": ("extract_stems", (URL,), {}),
    "extractStemsV1": ("extract_stems_v1", (URL,), {}),
    "denoiseAudio": ("denoise_audio", (URL,), {}),
    "deechoAudio": ("deecho_audio", (URL,), {}),
    "dereverbAudio": ("dereverb_audio", (URL,), {}),
    "extractKeyBpm": ("extract_key_bpm", (URL,), {}),
    "transcribeAudio": ("transcribe_audio", (URL,), {}),
    "masterAudio": ("master_audio", (URL, "https://cdn.test/reference.mp3"), {}),
    "cutAudio": ("cut_audio", (URL, 10500, 45000), {}),
    "changeAudioSpeed": ("change_audio_speed", (URL, 1.5), {}),
    "convertAudioToMidi": ("convert_audio_to_midi", (URL,), {}),
    "convertFile": ("convert_file", (URL, "wav"), {}),
    "imageToSong": ("image_to_song", ("https://cdn.test/cover.png",), {}),
    "generateImage": ("generate_image", (), {"prompt": "a red fox"}),
    "getConversion": ("get_conversion", ("MUSIC_AI",), {"task_id": "t"}),
    "listVoices": ("list_voices", (), {}),
    "searchVoices": ("search_voices", ("warm",), {}),
    "listUserConversions": ("list_user_conversions", (), {}),
}
SUCCESS_OF_GETS = {
    "getConversion": {"success": True, "conversion": {"task_id": "t", "status": "IN_QUEUE"}},
    "listVoices": VOICES,
    "searchVoices": VOICES,
    "generateLyrics": {"success": True, "lyrics": "la"},
    "listUserConversions": {"success": True, "conversions": []},
}


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def success_body(operation: str) -> dict[str, Any]:
    if operation in SUCCESS_OF_GETS:
        return SUCCESS_OF_GETS[operation]
    return MUSIC_STARTED if OPERATIONS[operation].get("outputs") == 2 else STARTED


def spec_operation(operation: str) -> dict[str, Any]:
    return dict(READER.operation(operation).node)


def request_content_types(operation: str) -> list[str]:
    """The spec's request content types of an operation, in the spec's order."""
    body = READER.operation(operation).request_body
    return list(body.media_types) if body else []


def multipart_parts(request: httpx.Request) -> dict[str, bytes]:
    """Field name -> content of a multipart request; an upload reads `<file name>|<bytes>`."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    parts: dict[str, bytes] = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        head, _, body = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        name = head.split(b'name="')[1].split(b'"')[0].decode()
        filename = head.split(b'filename="')[1].split(b'"')[0] if b"filename=" in head else b""
        parts[name] = (filename + b"|" if filename else b"") + body
    return parts


@pytest.fixture
def mock_mg() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def make_mg(io_mode: str, fake_time: FakeTime, mock_mg: respx.MockRouter) -> Callable[..., Handle]:
    return client_factory((MusicGPT, AsyncMusicGPT), (KEY, BASE_URL), mock_mg, fake_time, io_mode)


def route_of(mock_mg: respx.MockRouter, operation: str) -> respx.Route:
    facts = OPERATIONS[operation]
    return mock_mg.route(method=facts["method"], path=facts["path"])


def answered(mock_mg: respx.MockRouter, operation: str) -> respx.Route:
    """The operation's route, answering its documented success body."""
    return route_of(mock_mg, operation).respond(200, json=success_body(operation))


def a_file(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path
