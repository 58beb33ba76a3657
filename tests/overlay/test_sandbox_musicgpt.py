"""The MusicGPT client against the real sandbox over HTTP: one test per magic key."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import backbeat
import pytest
from backbeat import MusicGPT

from .conftest import FakeTime

# One worker runs every test that uses the session sandbox, so only one server is started.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]


@pytest.fixture
def musicgpt(
    sandbox_url: str, fake_time: FakeTime, request: pytest.FixtureRequest
) -> Callable[[str], MusicGPT]:
    """`musicgpt("mg_test_plus")`: a client on a fresh account of that profile, for this test."""
    suffix = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]

    def build(magic: str, *, fresh: bool = True) -> MusicGPT:
        key = f"{magic}_{suffix}" if fresh else magic
        return MusicGPT(key, base_url=f"{sandbox_url}/api/public", sleep=fake_time.sleep)

    return build


def test_free_plan_parallel_limit(musicgpt: Callable[..., MusicGPT], fake_time: FakeTime) -> None:
    with musicgpt("mg_test_free") as client:
        first = client.generate_music(prompt="lofi beat for studying")
        with pytest.raises(backbeat.RateLimitError) as caught:
            client.generate_music(prompt="a second song")  # one parallel job on the free plan
        assert "parallel" in caught.value.message
        assert caught.value.retry_after == 1.0
        assert fake_time.sleeps == [1.0, 1.0]  # 429 is retried even for a POST: it was refused
        done = client.wait_for_conversion("MUSIC_AI", task_id=first.task_id, poll_interval=0.5)
        assert done.status == "COMPLETED"
        assert done.conversion_path_1
        assert client.generate_music(prompt="now there is room").task_id != first.task_id


def test_plus_uploads_and_polls(musicgpt: Callable[..., MusicGPT], tmp_path: Path) -> None:
    song = tmp_path / "take1.wav"
    song.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt fake audio")
    with musicgpt("mg_test_plus") as client:
        stems = client.extract_stems(song, stems=["vocals", "drums"])
        voice = client.change_voice(io.BytesIO(b"ID3 fake mp3"), "JustinBieber", pitch=2)
        speech = client.text_to_speech("hello there", voice_id="JustinBieber")
        for kind, started in (
            ("EXTRACTION", stems),
            ("VOICE_CONVERSION", voice),
            ("TEXT_TO_SPEECH", speech),
        ):
            record = client.wait_for_conversion(kind, conversion_id=started.conversion_id)
            assert record.status == "COMPLETED"


def test_plus_rejects_unknown_stems(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_plus") as client, pytest.raises(backbeat.BadRequestError) as caught:
        client.extract_stems("https://cdn.example/song.mp3", stems=["kazoo"])
    assert "kazoo" in caught.value.message


def test_pro_free_reads(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_pro") as client:
        page = client.list_voices(limit=3)
        assert len(page.voices) == 3
        assert page.total >= 3
        assert client.search_voices("warm").voices
        assert client.generate_lyrics("a song about rain").lyrics
        with pytest.raises(backbeat.NotFoundError):
            client.get_conversion("MUSIC_AI", task_id="00000000-0000-0000-0000-000000000000")


def test_broke(musicgpt: Callable[..., MusicGPT], fake_time: FakeTime) -> None:
    with musicgpt("mg_test_broke") as client:
        with pytest.raises(backbeat.PaymentRequiredError) as caught:
            client.text_to_speech("hello")
        assert caught.value.required_credits is not None
        assert caught.value.available_credits == 0
        assert fake_time.sleeps == []
        assert client.list_voices().voices  # free operations still work


def test_revoked(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_revoked", fresh=False) as client:
        with pytest.raises(backbeat.PermissionDeniedError) as caught:
            client.list_voices()
        assert "revoked" in caught.value.message
        assert "mg_test_revoked" not in str(caught.value)


def test_unknown_key(musicgpt: Callable[..., MusicGPT]) -> None:
    with (
        musicgpt("mg_not_a_key", fresh=False) as client,
        pytest.raises(backbeat.PermissionDeniedError),
    ):
        client.generate_lyrics("x")


def test_load(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_load") as client:
        started = [client.text_to_speech(f"line {n}") for n in range(5)]
        assert len({s.task_id for s in started}) == 5
