"""Correct uses of the clients: both checkers must accept every line (0 errors)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
from backbeat import AsyncMusicGPT, AsyncTrackyard, MusicGPT, RawResponse, Trackyard
from backbeat.musicgpt import Conversion, ConversionPage, ConversionStarted, VoicePage
from backbeat.trackyard import Download, Me, SearchResponse, Tier, UsagePage, UsageRecord


def trackyard(client: Trackyard) -> None:
    found: SearchResponse = client.search(
        "piano",
        limit=2,
        filters={"genres": ["Jazz"]},
        extra_headers={"X-Trace": "1"},
        timeout=3,
    )
    print(len(found.tracks))
    for track in found.tracks:
        bpm: float | None = track.bpm  # an absent optional field is None, no sentinel
        if track.bpm is not None:
            print(track.bpm * 2, bpm)
    me: Me = client.me(timeout=None)
    tier: Tier | str = me.tier  # open: a tier the spec does not list yet is a plain str
    print(tier == Tier.PRO, tier == "enterprise")
    page: UsagePage = client.usage(limit=10, offset=0, timeout=httpx.Timeout(5.0))
    records: Iterator[UsageRecord] = client.iter_usage(page_size=50)
    download: Download = client.download_track("trk_1", duration_seconds=30.0, timeout=9)
    records = client.iter_usage(extra_headers={"X-Trace": "3"}, timeout=None)
    raw: RawResponse[SearchResponse] = client.with_raw_response.search("piano", limit=1)
    parsed: SearchResponse = raw.parse()
    raw_me: RawResponse[Me] = client.with_raw_response.me(extra_headers={"X-Trace": "2"})
    raw_download: RawResponse[Download] = client.with_raw_response.download_track("trk_1")
    raw_pages: RawResponse[Iterator[UsageRecord]] = client.with_raw_response.iter_usage()
    print(raw_download.parse().filename, list(raw_pages.parse()))
    print(me, page, records, download, parsed, raw.status_code, raw_me.rate_limit)


def musicgpt(client: MusicGPT) -> None:
    started: ConversionStarted = client.extract_stems(
        "https://cdn.example/take.mp3", stems=["vocals", "drums"], timeout=10
    )
    done: Conversion = client.wait_for_conversion(
        "EXTRACTION", task_id=started.task_id, poll_interval=0.5, timeout=60
    )
    voices: VoicePage = client.list_voices(limit=5, extra_headers={"X-Trace": "3"})
    page: ConversionPage = client.list_user_conversions(sort_order="ASC", limit=10)
    raw: RawResponse[VoicePage] = client.with_raw_response.search_voices("Drake")
    print(done.status, voices.total, page.conversions, raw.parse().voices)


async def asynchronous(trackyard: AsyncTrackyard, musicgpt: AsyncMusicGPT) -> None:
    found: SearchResponse = await trackyard.search("piano", timeout=2.5)
    raw: RawResponse[SearchResponse] = await trackyard.with_raw_response.search("piano")
    async for record in trackyard.iter_usage():
        print(record.endpoint)
    conversion: Conversion = await musicgpt.get_conversion("COVER", task_id="t1")
    pages: RawResponse[
        AsyncIterator[Conversion]
    ] = await musicgpt.with_raw_response.iter_conversions(page_size=5)
    waited: RawResponse[Conversion] = await musicgpt.with_raw_response.wait_for_conversion(
        "COVER", task_id="t1"
    )
    print(pages.parse(), waited.parse().status)
    print(found, raw.parse(), conversion)


if __name__ == "__main__":
    asyncio.run(asynchronous(AsyncTrackyard("k"), AsyncMusicGPT("k")))
