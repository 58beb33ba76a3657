"""The catalog's search and filters, and the MP3 the download returns (parsed frame by frame)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.sandbox.conftest import TRACKYARD, bearer

BITRATES_KBPS = {9: 128}
SAMPLE_RATES = {0: 44_100}


def search(client: TestClient, **body: object) -> list[dict[str, object]]:
    response = client.post(TRACKYARD + "/search", json=body, headers=bearer("ty_test_load"))
    assert response.status_code == 200, response.text
    tracks: list[dict[str, object]] = response.json()["tracks"]
    return tracks


def test_catalog_is_large_and_covers_the_documented_genres_and_moods(client: TestClient) -> None:
    tracks = search(client, query="", limit=100)
    assert len(tracks) >= 50
    assert len({t["id"] for t in tracks}) == len(tracks)
    genres = {t["genre"] for t in tracks}
    moods = {m for t in tracks for m in t["moods"]}  # type: ignore[attr-defined]
    assert {"Acoustic", "Hip Hop", "World", "R&B", "Brass & Marching Band"} <= genres
    assert len(genres) >= 35
    assert {"Laid Back", "Sneaking", "Nostalgia", "Weird"} <= moods
    for track in tracks:
        assert track["preview_url"] == f"https://cdn.trackyard.com/previews/{track['id']}.mp3"
        assert 40 <= track["bpm"] <= 200  # type: ignore[operator]


def test_documented_example_track_is_there(client: TestClient) -> None:
    (first, *_) = search(client, query="digital sunrise")
    assert first["id"] == "trk_abc123"
    assert (first["title"], first["artist"], first["duration_seconds"], first["bpm"]) == (
        "Digital Sunrise", "Sync Lab", 142, 128,
    )  # fmt: skip
    assert first["genre"] == "Electronic"


def test_results_are_ranked_by_fit(client: TestClient) -> None:
    tracks = search(client, query="moody piano for a rainy scene")
    assert tracks[0]["id"] == "trk_def456"
    assert all("Piano" in t["instruments"] or "rain" in str(t["title"]).lower() for t in tracks)  # type: ignore[operator]


def test_query_words_match_case_insensitively_and_by_prefix(client: TestClient) -> None:
    assert search(client, query="ELECTRO")[0]["genre"] in {"Electronic", "Electronica"}
    assert search(client, query="zzzz qqqq") == []


def test_filters_match_any_value_case_insensitively(client: TestClient) -> None:
    tracks = search(client, query="", limit=100, filters={"genres": ["hip hop", "JAZZ"]})
    assert tracks
    assert {t["genre"] for t in tracks} <= {"Hip Hop", "Jazz"}
    moody = search(client, query="", limit=100, filters={"moods": ["calm"]})
    assert moody
    assert all("Calm" in t["moods"] for t in moody)  # type: ignore[operator]
    synths = search(client, query="", limit=100, filters={"instruments": ["synth", "harp"]})
    assert all({"Synth", "Harp"} & set(t["instruments"]) for t in synths)  # type: ignore[arg-type]


def test_bpm_energy_and_vocals_filters(client: TestClient) -> None:
    filters = {"min_bpm": 100, "max_bpm": 130, "energy_level": "medium", "has_vocals": False}
    tracks = search(client, query="", limit=100, filters=filters)
    assert tracks
    for track in tracks:
        assert 100 <= track["bpm"] <= 130  # type: ignore[operator]
        assert track["energy_level"] == "medium"
        assert track["has_vocals"] is False
    assert search(client, query="", filters={"min_bpm": 150, "max_bpm": 60}) == []
    vocal = search(client, query="", limit=100, filters={"has_vocals": True})
    assert vocal
    assert all(t["has_vocals"] for t in vocal)


def test_paging_slices_the_ranking(client: TestClient) -> None:
    everything = search(client, query="", limit=100)
    assert search(client, query="", limit=5, offset=10) == everything[10:15]
    assert len(search(client, query="")) == 20


def _frames(data: bytes) -> int:
    """Walk MPEG-1 Layer III frame headers; every byte must belong to a frame."""
    position, count = 0, 0
    while position < len(data):
        header = int.from_bytes(data[position : position + 4], "big")
        assert header >> 21 == 0x7FF, f"no frame sync at byte {position}"
        assert (header >> 19) & 0b11 == 0b11, "not MPEG-1"
        assert (header >> 17) & 0b11 == 0b01, "not Layer III"
        bitrate = BITRATES_KBPS[(header >> 12) & 0xF] * 1000
        sample_rate = SAMPLE_RATES[(header >> 10) & 0b11]
        padding = (header >> 9) & 1
        length = 144 * bitrate // sample_rate + padding
        assert length in (417, 418)
        position += length
        count += 1
    assert position == len(data)
    return count


@pytest.mark.parametrize(
    ("body", "seconds"),
    [
        ({"track_id": "trk_abc123"}, 142),
        ({"track_id": "trk_abc123", "duration_seconds": 30}, 30),
        ({"track_id": "trk_abc123", "duration_seconds": 22, "hit_point_seconds": 12}, 22),
        ({"track_id": "trk_abc123", "duration_seconds": 22.5}, 22.5),
        ({"track_id": "trk_abc123", "duration_seconds": 300}, 142),  # no longer than the track
    ],
)
def test_download_is_a_real_mp3_of_the_requested_length(
    client: TestClient, body: dict[str, object], seconds: float
) -> None:
    response = client.post(TRACKYARD + "/download-track", json=body, headers=bearer("ty_test_load"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "audio/mpeg"
    assert response.headers["Content-Disposition"] == 'attachment; filename="Digital_Sunrise.mp3"'
    assert response.headers["X-Track-Id"] == "trk_abc123"
    frames = _frames(response.content)
    duration = frames * 1152 / 44_100
    assert abs(duration - seconds) < 1 / 38
    assert float(response.headers["X-Track-Duration"]) == pytest.approx(duration, abs=0.01)
    assert int(response.headers["Content-Length"]) == len(response.content)


def test_filenames_are_title_with_underscores(client: TestClient) -> None:
    for track in search(client, query="", limit=100)[:20]:
        response = client.post(
            TRACKYARD + "/download-track",
            json={"track_id": track["id"], "duration_seconds": 10},
            headers=bearer("ty_test_load"),
        )
        expected = re.sub(r"[^A-Za-z0-9_.-]", "", str(track["title"]).replace(" ", "_"))
        assert response.headers["Content-Disposition"] == f'attachment; filename="{expected}.mp3"'


@pytest.mark.parametrize(
    ("body", "seconds"),
    [
        ({"track_id": "trk_abc123"}, 142),
        ({"track_id": "trk_def456", "duration_seconds": 30}, 30),
        ({"track_id": "trk_missing"}, 142),  # no valid request to honour: the documented track
        ({}, 142),
    ],
)
def test_a_forced_download_is_a_real_mp3_of_its_stated_length(
    client: TestClient, body: dict[str, object], seconds: float
) -> None:
    headers = {**bearer("ty_test_starter_forced"), "Prefer": "code=200"}
    before = client.get(TRACKYARD + "/me", headers=bearer("ty_test_starter_forced")).json()
    response = client.post(TRACKYARD + "/download-track", json=body, headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "audio/mpeg"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    duration = _frames(response.content) * 1152 / 44_100
    assert abs(duration - seconds) < 1 / 38
    assert float(response.headers["X-Track-Duration"]) == pytest.approx(duration, abs=0.01)
    after = client.get(TRACKYARD + "/me", headers=bearer("ty_test_starter_forced")).json()
    assert after["credits_remaining"] == before["credits_remaining"]  # forcing is never charged
