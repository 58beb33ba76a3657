"""Property: whatever the server sends, a call returns a result or raises a BackbeatError."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from backbeat import AsyncMusicGPT, AsyncTrackyard, BackbeatError, MusicGPT, Trackyard
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .conftest import API_KEY, BASE_URL

HEADER_NAMES = [
    "content-type",
    "content-encoding",
    "content-disposition",
    "retry-after",
    "retry-after-ms",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-credits-remaining",
    "x-track-id",
    "x-track-duration",
    "x-request-id",
]
HEADER_VALUES = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30),
    st.sampled_from(["application/json", "gzip", "br", "-1", "1e309", "nan", "999999999999999999",
                     'attachment; filename="../x.mp3"', "Wed, 21 Oct 2015 07:28:00 GMT"]),
)  # fmt: skip
KEYS = [
    "tracks",
    "credits_remaining",
    "error",
    "message",
    "code",
    "tier",
    "usage",
    "detail",
    "success",
    "conversion",
    "status",
    "lyrics",
    "task_id",
    "voices",
    "limit",
    "total",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=12,
)  # fmt: skip
TRACKYARD = (Trackyard, AsyncTrackyard)
MUSICGPT = (MusicGPT, AsyncMusicGPT)
# (client classes, method, args, kwargs, a body the spec allows for its success)
CALLS: list[tuple[tuple[type[Any], type[Any]], str, tuple[Any, ...], dict[str, Any], Any]] = [
    (TRACKYARD, "search", ("piano",), {}, {"tracks": [], "credits_remaining": 1}),
    (TRACKYARD, "download_track", ("trk_1",), {"duration_seconds": 30}, "any bytes"),
    (TRACKYARD, "me", (), {},
     {"tier": "pro", "credits_remaining": 1, "monthly_allowance": 1, "rate_limit": {}}),
    (TRACKYARD, "usage", (), {"limit": 5},
     {"usage": [], "total_count": 0, "offset": 0, "limit": 5}),
    (MUSICGPT, "generate_music", (), {"prompt": "x"},
     {"success": True, "task_id": "t", "conversion_id_1": "a", "conversion_id_2": "b"}),
    (MUSICGPT, "get_conversion", ("MUSIC_AI",), {"task_id": "t"},
     {"success": True, "conversion": {"status": "IN_QUEUE"}}),
    (MUSICGPT, "search_voices", ("warm",), {},
     {"success": True, "voices": [], "limit": 1, "page": 0, "total": 0}),
    (MUSICGPT, "extract_stems", ("https://cdn.test/a.mp3",), {},
     {"success": True, "task_id": "t", "conversion_id": "c"}),
    (MUSICGPT, "generate_lyrics", ("rain",), {}, {"success": True, "lyrics": "la"}),
    (MUSICGPT, "wait_for_conversion", ("MUSIC_AI",), {"task_id": "t", "timeout": 5},
     {"success": True, "conversion": {"status": "COMPLETED"}}),
]  # fmt: skip


def bodies(valid: Any) -> st.SearchStrategy[bytes]:
    """Raw bytes, arbitrary JSON, the call's valid body, and that body with one field broken."""
    near_miss = (
        st.builds(lambda key, value: {**valid, key: value}, st.sampled_from(KEYS), JSON_VALUES)
        if isinstance(valid, dict)
        else st.nothing()
    )
    return st.one_of(
        st.binary(max_size=200),
        JSON_VALUES.map(json.dumps).map(str.encode),
        st.just(json.dumps(valid).encode()),
        near_miss.map(json.dumps).map(str.encode),
    )


def responder(status: int, headers: dict[str, str], body: bytes) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=body)

    return httpx.MockTransport(handle)


async def no_wait(seconds: float) -> None:
    return None


def call_sync(transport: httpx.MockTransport, call: int) -> object:
    (client_class, _), name, args, kwargs, _ = CALLS[call]
    client = client_class(API_KEY, base_url=BASE_URL, transport=transport, sleep=lambda s: None)
    with client:
        return getattr(client, name)(*args, **kwargs)


def call_async(transport: httpx.MockTransport, call: int) -> object:
    (_, client_class), name, args, kwargs, _ = CALLS[call]

    async def run() -> object:
        async with client_class(
            API_KEY, base_url=BASE_URL, transport=transport, sleep=no_wait
        ) as client:
            return await getattr(client, name)(*args, **kwargs)

    return asyncio.run(run())


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    data=st.data(),
    status=st.sampled_from([200, 200, 201, 400, 402, 429, 502]) | st.integers(100, 599),
    headers=st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUES, max_size=4),
    call=st.integers(min_value=0, max_value=len(CALLS) - 1),
    is_async=st.booleans(),
)
def test_any_response_gives_a_result_or_a_backbeat_error(
    data: st.DataObject, status: int, headers: dict[str, str], call: int, is_async: bool
) -> None:
    transport = responder(status, headers, data.draw(bodies(CALLS[call][4]), label="body"))
    outcome: object
    try:
        outcome = call_async(transport, call) if is_async else call_sync(transport, call)
    except BackbeatError as error:
        outcome = error
    event(type(outcome).__name__)  # --hypothesis-show-statistics: results and errors both occur
    if isinstance(outcome, BackbeatError):
        assert API_KEY not in str(outcome)
    else:
        assert 200 <= status < 300
        assert outcome is not None
