"""The generated `musicgpt_client` against respx mocks: raw-key auth, a real multipart upload
and a 402 body with credit amounts."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from backbeat._generated.musicgpt import AuthenticatedClient
from backbeat._generated.musicgpt.api.audio import change_voice, extract_stems
from backbeat._generated.musicgpt.api.generation import generate_music
from backbeat._generated.musicgpt.api.tasks import get_conversion
from backbeat._generated.musicgpt.api.voices import list_voices
from backbeat._generated.musicgpt.models import (
    ChangeVoiceRequest,
    ChangeVoiceRequestRemoveBackground,
    Error,
    ExtractStemsRequest,
    GenerateMusicRequest,
)
from backbeat._generated.musicgpt.types import File, Unset
from python_multipart import parse_form

BASE_URL = "http://musicgpt.test/api/public"
KEY = "mg_test_free_spec1"


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=True) as mock:
        yield mock


def client() -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token=KEY, prefix="", timeout=httpx.Timeout(5))


def started(conversion_id: str) -> dict[str, Any]:
    return {"success": True, "task_id": "t-1", "conversion_id": conversion_id, "eta": 5,
            "credit_estimate": 0.02, "message": "", "status": "IN_QUEUE"}  # fmt: skip


def multipart_parts(request: httpx.Request) -> dict[str, tuple[str | None, bytes]]:
    """field name -> (file name or None, bytes), parsed as a server would parse it."""
    parts: dict[str, tuple[str | None, bytes]] = {}

    def on_field(field: Any) -> None:
        parts[field.field_name.decode()] = (None, field.value or b"")

    def on_file(file: Any) -> None:
        file.file_object.seek(0)
        parts[file.field_name.decode()] = (file.file_name.decode(), file.file_object.read())

    headers = {"Content-Type": request.headers["content-type"].encode()}
    parse_form(headers, io.BytesIO(request.content), on_field, on_file)
    return parts


def test_client_sends_the_raw_key(router: respx.MockRouter) -> None:
    page = {"success": True, "voices": [], "limit": 20, "page": 0, "total": 0}
    route = router.get("/v1/getAllVoices").respond(200, json=page)
    result = list_voices.sync_detailed(client=client(), limit=20, page=0)
    assert result.status_code == 200
    request = route.calls.last.request
    assert request.headers["authorization"] == KEY
    assert "bearer" not in request.headers["authorization"].lower()
    assert dict(request.url.params) == {"limit": "20", "page": "0"}


def test_client_polls_by_conversion_type(router: respx.MockRouter) -> None:
    record = {"success": True, "conversion": {"task_id": "t-1", "status": "COMPLETED"}}
    route = router.get("/v1/byId").respond(200, json=record)
    result = get_conversion.sync(client=client(), conversion_type="MUSIC_AI", task_id="t-1")
    assert result is not None
    assert not isinstance(result, Error)
    assert result.conversion.status == "COMPLETED"
    assert dict(route.calls.last.request.url.params) == {
        "conversionType": "MUSIC_AI",
        "task_id": "t-1",
    }


def test_extract_stems_uploads_the_file_as_multipart(router: respx.MockRouter) -> None:
    route = router.post("/v2/Extraction").respond(200, json=started("c-1"))
    audio = b"ID3\x04\x00fake mp3 bytes\r\n--not a boundary\x00\xff"
    body = ExtractStemsRequest(
        audio_file=File(payload=io.BytesIO(audio), file_name="song.mp3", mime_type="audio/mpeg"),
        stems=json.dumps(["vocals", "drums"]),
        eco_mode=True,
    )
    result = extract_stems.sync(client=client(), body=body)
    assert result is not None
    assert not isinstance(result, Error)
    assert result.conversion_id == "c-1"
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert request.headers["authorization"] == KEY
    parts = multipart_parts(request)
    assert parts["audio_file"] == ("song.mp3", audio)
    assert parts["stems"] == (None, b'["vocals", "drums"]')
    # A list field left out is not sent: the server's default ("[]") applies.
    assert "preprocessing_options" not in parts
    # Form booleans travel as Python's str(bool): the spec accepts any letter case.
    assert parts["eco_mode"] == (None, b"True")
    assert "audio_url" not in parts


def test_change_voice_sends_integers_as_form_strings(router: respx.MockRouter) -> None:
    route = router.post("/v1/VoiceChanger").respond(200, json=started("c-2"))
    body = ChangeVoiceRequest(
        voice_id="JustinBieber",
        audio_url="https://example.org/audio/demo-vocals.mp3",
        remove_background=ChangeVoiceRequestRemoveBackground.VALUE_1,
        pitch=-12,
    )
    change_voice.sync(client=client(), body=body)
    parts = multipart_parts(route.calls.last.request)
    assert parts["voice_id"] == (None, b"JustinBieber")
    assert parts["remove_background"] == (None, b"1")
    assert parts["pitch"] == (None, b"-12")
    assert "audio_file" not in parts


def test_402_with_amounts_is_parsed_into_the_error_model(router: respx.MockRouter) -> None:
    body = {"success": False, "error": "Insufficient credits for this operation",
            "required_credits": 150.75, "available_credits": 100.0}  # fmt: skip
    router.post("/v2/MusicAI").respond(402, json=body)
    result = generate_music.sync_detailed(
        client=client(), body=GenerateMusicRequest(prompt="lo-fi piano")
    )
    assert result.status_code == 402
    assert isinstance(result.parsed, Error)
    assert result.parsed.success is False
    assert result.parsed.error == "Insufficient credits for this operation"
    assert (result.parsed.required_credits, result.parsed.available_credits) == (150.75, 100.0)
    assert result.parsed.to_dict() == body


def test_402_with_only_a_message_is_parsed_too(router: respx.MockRouter) -> None:
    body = {"success": False, "message": "Insufficient credit balance"}
    router.post("/v2/MusicAI").respond(402, json=body)
    result = generate_music.sync_detailed(client=client(), body=GenerateMusicRequest(prompt="x"))
    assert isinstance(result.parsed, Error)
    assert result.parsed.message == "Insufficient credit balance"
    assert isinstance(result.parsed.required_credits, Unset)
    assert isinstance(result.parsed.error, Unset)
