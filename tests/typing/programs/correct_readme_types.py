"""The README's "Types" example, as written."""

from backbeat import RawResponse, Trackyard
from backbeat.trackyard import SearchResponse


def top_track(client: Trackyard) -> str:
    found: SearchResponse = client.search("piano", limit=1, timeout=3, extra_headers={"X": "1"})
    raw: RawResponse[SearchResponse] = client.with_raw_response.search("piano")
    return raw.parse().tracks[0].id if found.tracks else ""
