"""The MusicGPT facade's new operations against the real sandbox over HTTP: uploads, both form
encodings, two-output songs, waiting for several conversion types, paging through the history,
and a webhook delivered to a local receiver and read with `parse_webhook`."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
import warnings
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from backbeat import AsyncMusicGPT, MusicGPT
from backbeat.musicgpt import parse_webhook
from backbeat.musicgpt_webhooks import AudioEvent

from .conftest import FakeTime
from .musicgpt_support import a_file

# One worker runs every test that uses the session sandbox, so only one server is started.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]

URL = "https://cdn.example/take.mp3"


@pytest.fixture
def musicgpt(
    sandbox_url: str, fake_time: FakeTime, request: pytest.FixtureRequest
) -> Callable[..., MusicGPT]:
    """`musicgpt("mg_test_pro")`: a client on a fresh account of that plan, for this test."""
    suffix = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]

    def build(magic: str) -> MusicGPT:
        base_url = f"{sandbox_url}/api/public"
        return MusicGPT(f"{magic}_{suffix}", base_url=base_url, sleep=fake_time.sleep)

    return build


def test_two_output_songs_from_a_file_and_from_a_url(
    musicgpt: Callable[..., MusicGPT], tmp_path: Path
) -> None:
    take = a_file(tmp_path, "take.wav", b"RIFF\x00\x00\x00\x00WAVEfmt fake audio")
    with musicgpt("mg_test_pro") as client:
        remix = client.remix_song(take, "make it lo-fi", gender="female")
        extended = client.extend_song(URL, 35.0, num_outputs=2)
        for kind, started in (("REMIX", remix), ("EXTEND", extended)):
            assert started.conversion_id_1 != started.conversion_id_2
            done = client.wait_for_conversion(kind, conversion_id=started.conversion_id_2)
            assert done.status == "COMPLETED"


def test_form_urlencoded_operations_and_their_types(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_pro") as client:
        sound = client.generate_sound("rain on a tin roof", audio_length=5)
        image = client.generate_image(prompt="a red fox", width=544, height=960)
        for kind, started in (("SOUND_GENERATOR", sound), ("IMAGE_GENERATOR", image)):
            done = client.wait_for_conversion(kind, task_id=started.task_id)
            assert done.status == "COMPLETED"


def test_uploads_of_every_kind(musicgpt: Callable[..., MusicGPT], tmp_path: Path) -> None:
    cover = a_file(tmp_path, "cover.png", b"\x89PNG\r\n\x1a\n fake image")
    cover.with_name("r.mp3").write_bytes(b"ID3 reference")
    with musicgpt("mg_test_pro") as client:
        started = [
            (
                "AUDIO_MASTERING",
                client.master_audio(io.BytesIO(b"ID3 take"), cover.with_name("r.mp3")),
            ),
            ("COVER", client.cover_song(io.BytesIO(b"ID3 take"), "Drake", pitch=-2)),
            ("AUDIO_CUTTER", client.cut_audio(URL, 1_000, 5_000, output_extension="wav")),
            ("IMAGE_TO_SONG", client.image_to_song(cover, prompt="dreamy")),
        ]
        for kind, job in started:
            assert client.wait_for_conversion(kind, task_id=job.task_id).status == "COMPLETED"


def test_deprecated_operations_still_work(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_pro") as client:
        with pytest.warns(DeprecationWarning, match="deprecated vendor endpoint"):
            stems = client.extract_stems_v1(URL, stems=["vocals"])
        with pytest.warns(DeprecationWarning, match="deprecated vendor endpoint"):
            song = client.generate_music_v1(prompt="an old-school beat")
        assert client.wait_for_conversion("EXTRACTION", task_id=stems.task_id).status
        assert client.wait_for_conversion("MUSIC_AI", task_id=song.task_id).status


def test_iter_conversions_pages_through_the_history(musicgpt: Callable[..., MusicGPT]) -> None:
    with musicgpt("mg_test_pro") as client:
        denoised = {client.denoise_audio(URL).task_id for _ in range(3)}
        deechoed = client.deecho_audio(URL).task_id
        seen = [c.task_id for c in client.iter_conversions(page_size=1)]
        assert set(seen) == denoised | {deechoed}  # a fresh account: these four, one per page
        assert len(seen) == len(set(seen))
        filtered = {c.task_id for c in client.iter_conversions(conversion_type="DENOISING")}
        assert filtered == denoised


def test_async_client_against_the_sandbox(sandbox_url: str) -> None:
    key = "mg_test_pro_" + hashlib.sha256(b"async operations").hexdigest()[:16]

    async def run() -> str:
        base_url = f"{sandbox_url}/api/public"
        async with AsyncMusicGPT(key, base_url=base_url) as client:
            job = await client.convert_audio_to_midi(URL, sonify_midi=False)
            done = await client.wait_for_conversion(
                "AUDIO_TO_MIDI", task_id=job.task_id, poll_interval=0.01
            )
            return str(done.status)

    assert asyncio.run(run()) == "COMPLETED"


class _Receiver(BaseHTTPRequestHandler):
    bodies: list[bytes]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.bodies.append(self.rfile.read(length))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[bytes]]]:
    """A webhook receiver on a free loopback port: (its URL, the bodies it received)."""
    bodies: list[bytes] = []
    handler = type("Receiver", (_Receiver,), {"bodies": bodies})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hooks/musicgpt", bodies
    finally:
        server.shutdown()
        server.server_close()


def test_a_delivered_webhook_parses_into_its_event(
    musicgpt: Callable[..., MusicGPT], receiver: tuple[str, list[bytes]]
) -> None:
    hook_url, bodies = receiver
    with musicgpt("mg_test_pro") as client, warnings.catch_warnings():
        job = client.text_to_speech("hello there", voice_id="Drake", webhook_url=hook_url)
        client.wait_for_conversion("TEXT_TO_SPEECH", task_id=job.task_id)
        for _ in range(200):  # the sandbox delivers in the background, right after completion
            if bodies:
                break
            threading.Event().wait(0.02)
    assert bodies, "the sandbox delivered the webhook"
    event = parse_webhook(bodies[0])
    assert isinstance(event, AudioEvent)
    assert (event.task_id, event.conversion_id) == (job.task_id, job.conversion_id)
    assert event.conversion_path
