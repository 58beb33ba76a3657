"""The result reflects the request: the stems asked for are the stems delivered, the voices the
docs use exist, an unknown voice fails its task, and a 422 names each missing field once."""

from __future__ import annotations

import json
import re

import pytest
from starlette.testclient import TestClient

from tests.sandbox.conftest import MUSICGPT, FakeClock
from tests.sandbox.test_musicgpt_webhooks import Receiver

KEY = {"Authorization": "mg_test_load_fidelity"}


def _extract(client: TestClient, stems: str | None, hook: str) -> dict[str, object]:
    data = {"audio_url": "https://example.org/song.mp3", "webhook_url": hook}
    if stems is not None:
        data["stems"] = stems
    answer = client.post(f"{MUSICGPT}/v2/Extraction", data=data, files={"x": ("", b"")},
                         headers=KEY)  # fmt: skip
    assert answer.status_code == 200, answer.text
    started: dict[str, object] = answer.json()
    return started


@pytest.mark.parametrize(
    ("stems", "delivered"),
    [
        ('["vocals","drums"]', ["vocals", "drums"]),
        ('["bass"]', ["bass"]),
        (None, ["drums", "bass", "piano", "guitar"]),  # the documented meaning of "none"
    ],
)
def test_the_requested_stems_come_back(
    client: TestClient, clock: FakeClock, stems: str | None, delivered: list[str]
) -> None:
    receiver = Receiver()
    try:
        started = _extract(client, stems, receiver.url())
        clock.advance(3600)
        client.get(f"{MUSICGPT}/v1/getAllVoices", headers=KEY)  # the sandbox ticks after a call
        ((_, body),) = receiver.take(1)
    finally:
        receiver.close()
    assert body["task_id"] == started["task_id"]
    urls = json.loads(body["audio_url"])
    assert list(urls) == delivered
    for stem, url in urls.items():
        assert url.endswith(f"_{stem}.mp3")


@pytest.mark.parametrize("name", ["Drake", "Justin Bieber"])
def test_the_voices_the_docs_use_are_listed_and_found(client: TestClient, name: str) -> None:
    found = client.get(f"{MUSICGPT}/v1/searchVoices", params={"query": name}, headers=KEY).json()
    assert name in [voice["voice_name"] for voice in found["voices"]]
    listed = client.get(f"{MUSICGPT}/v1/getAllVoices", params={"limit": 100}, headers=KEY).json()
    assert name in [voice["voice_name"] for voice in listed["voices"]]


def _cover(client: TestClient, voice_id: str) -> dict[str, object]:
    data = {"audio_url": "https://example.org/song.mp3", "voice_id": voice_id}
    answer = client.post(f"{MUSICGPT}/v1/Cover", data=data, files={"x": ("", b"")}, headers=KEY)
    assert answer.status_code == 200, answer.text
    task_id = answer.json()["task_id"]
    for _ in range(2):
        polled = client.get(f"{MUSICGPT}/v1/byId", headers=KEY,
                            params={"task_id": task_id, "conversionType": "COVER"})  # fmt: skip
    conversion: dict[str, object] = polled.json()["conversion"]
    return conversion


def test_an_unknown_voice_fails_its_task_and_a_known_one_completes(client: TestClient) -> None:
    failed = _cover(client, "NoSuchVoice")
    assert failed["status"] == "FAILED"
    assert failed["audio_url"] is None
    assert "Voice not found: NoSuchVoice" in str(failed["status_msg"])
    completed = _cover(client, "Drake")
    assert completed["status"] == "COMPLETED"
    assert completed["audio_url"]


@pytest.mark.parametrize("path", ["/v2/MusicAI", "/v1/MusicAI", "/v1/TextToSpeech"])
def test_a_422_names_each_missing_field_once(client: TestClient, path: str) -> None:
    answer = client.post(f"{MUSICGPT}{path}", json={}, headers=KEY)
    assert answer.status_code == 422
    message = answer.json()["error"]
    assert message.startswith("Missing required field: ")
    names = re.findall(r"[a-z_]+", message.removeprefix("Missing required field: "))
    names = [name for name in names if name != "or"]
    assert names
    assert len(names) == len(set(names)), message
