"""Wrong uses: each line marked `# error` must be reported, by both checkers, and no other."""

from __future__ import annotations

from backbeat import MusicGPT, RawResponse, Trackyard
from backbeat.trackyard import SearchResponse


def trackyard(client: Trackyard) -> None:
    client.search(123)  # error
    client.search("piano", limti=3)  # error
    client.search("piano", timeout="soon")  # error
    client.me(extra_headers={"X-Trace": 1})  # error
    client.usage(limit="ten")  # error
    raw: RawResponse[SearchResponse] = client.with_raw_response.search("piano")
    count: int = raw.parse()  # error
    me_raw: RawResponse[SearchResponse] = client.with_raw_response.me()  # error
    client.with_raw_response.search("piano", limti=3)  # error
    client.with_raw_response.download_track(42)  # error
    client.download_track("trk_1", timeot=3)  # error
    client.iter_usage(extra_headers={"X-Trace": 3})  # error
    bpm: float = raw.parse().tracks[0].bpm  # error
    print(client.me().tier.value)  # error
    print(count, me_raw, bpm)


def musicgpt(client: MusicGPT) -> None:
    client.list_user_conversions(sort_order="newest")  # error
    client.remix_song("https://cdn.example/a.mp3", prompt="x", gender="robot")  # error
    client.cover_song("https://cdn.example/a.mp3")  # error
    client.extract_stems(42)  # error
    client.wait_for_conversion("COVER", task_id="t", extra_headers={"X": "1"}, poll="x")  # error
