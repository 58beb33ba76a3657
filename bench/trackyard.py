"""The Trackyard side of the bench: the key, the request, and the three clients compared.

Everything API-specific lives here; the machinery (interleaving, load generators, servers,
report) takes what this module builds. Paths come from the generated `operations` module.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import backbeat
import backbeat_specs
import httpx
from backbeat._generated.trackyard import AuthenticatedClient, operations
from backbeat._generated.trackyard.api.search import search
from backbeat._generated.trackyard.models import SearchRequest, SearchResponse
from backbeat._generated.trackyard.types import Response

from .interleave import AsyncContender, SyncContender
from .load import LoadTarget

__all__ = [
    "BASE_PATH",
    "DOWNLOAD_PATH",
    "KEY",
    "ME_PATH",
    "PROBE_METHOD",
    "SPEC_FILE",
    "BenchError",
    "async_contenders",
    "credits_remaining",
    "download_answer",
    "load_targets",
    "probe",
    "sized_download_spec",
    "sync_contenders",
]

SPEC_FILE = "openapi.yaml"
# The benchmark key: 1e9 credits and 1e6 requests a minute, so no limit ever bites.
KEY = "ty_test_load"
QUERY = "upbeat electronic music for a tech startup video"
SEARCH_BODY = {"query": QUERY}
BASE_PATH = urllib.parse.urlsplit(operations.SERVER_URL).path
SEARCH_PATH = str(operations.OPERATIONS["search"]["path"])
ME_PATH = str(operations.OPERATIONS["getMe"]["path"])
DOWNLOAD_PATH = str(operations.OPERATIONS["downloadTrack"]["path"])
# The spec's "clip" example: 30 s of MP3 (about 470 KiB) from the sandbox.
DOWNLOAD_BODY = {"track_id": "trk_abc123", "duration_seconds": 30}
TIMEOUT = 30.0


class BenchError(RuntimeError):
    """A call under measurement did not succeed: its timing would mean nothing."""


def _auth(key: str) -> dict[str, str]:
    return {operations.SECURITY["header"]: f"{operations.SECURITY['prefix']} {key}"}


def load_targets(api_url: str, key: str = KEY) -> dict[str, LoadTarget]:
    """The requests the throughput bench repeats, by path."""
    body = json.dumps(SEARCH_BODY).encode()
    json_headers = {**_auth(key), "Content-Type": "application/json"}
    download = json.dumps(DOWNLOAD_BODY).encode()
    return {
        ME_PATH: LoadTarget(api_url + ME_PATH, "GET", b"", _auth(key)),
        SEARCH_PATH: LoadTarget(api_url + SEARCH_PATH, "POST", body, json_headers),
        DOWNLOAD_PATH: LoadTarget(api_url + DOWNLOAD_PATH, "POST", download, json_headers),
    }


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: as it came over the wire (status line, headers, body), and its body."""

    raw: bytes
    body: bytes


def download_answer(api_url: str, key: str = KEY) -> Answer:
    """The answer to the benchmarked download (`DOWNLOAD_BODY`), read once."""
    target = load_targets(api_url, key)[DOWNLOAD_PATH]
    response = httpx.post(target.url, content=target.body, headers=target.headers, timeout=TIMEOUT)
    if response.status_code != 200:
        raise BenchError(f"{DOWNLOAD_PATH} answered {response.status_code}")
    head = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n".encode()]
    head += [b"%s: %s\r\n" % pair for pair in response.headers.raw]
    return Answer(b"".join(head) + b"\r\n" + response.content, response.content)


def sized_download_spec(spec: Path, size: int, directory: Path) -> Path:
    """A copy of `spec` (as JSON, in `directory`) whose download success has an example of
    `size` bytes, so that Prism sends as many bytes as the sandbox. The spec gives that binary
    body no example, and Prism then answers a few placeholder bytes. An example is text, so
    the bytes are ASCII zeros, not MP3 frames; only the example changes."""
    document = backbeat_specs.read_document(spec)
    success = document["paths"][DOWNLOAD_PATH]["post"]["responses"]["200"]
    success["content"]["audio/mpeg"]["example"] = "0" * size
    copy = directory / f"{spec.stem}.download-{size}-bytes.json"
    copy.write_text(json.dumps(document), encoding="utf-8")
    return copy


def credits_remaining(api_url: str, key: str = KEY) -> float:
    response = httpx.get(api_url + ME_PATH, headers=_auth(key), timeout=TIMEOUT)
    balance: float = _decoded(response)["credits_remaining"]
    return balance


@contextmanager
def sync_contenders(api_url: str) -> Iterator[list[SyncContender]]:
    """(a) raw httpx + JSON decode, (b) the generated client, (c) `backbeat.Trackyard`."""
    with ExitStack() as stack:
        raw = stack.enter_context(
            httpx.Client(base_url=api_url, headers=_auth(KEY), timeout=TIMEOUT)
        )
        generated = stack.enter_context(_generated_client(api_url))
        overlay = stack.enter_context(backbeat.Trackyard(KEY, base_url=api_url))
        yield [
            SyncContender("raw httpx", lambda: _decoded(raw.post(SEARCH_PATH, json=SEARCH_BODY))),
            SyncContender(
                "generated client",
                lambda: _parsed(search.sync_detailed(client=generated, body=_request_model())),
            ),
            SyncContender("backbeat.Trackyard", lambda: overlay.search(QUERY)),
        ]


@asynccontextmanager
async def async_contenders(api_url: str) -> AsyncIterator[list[AsyncContender]]:
    """The async counterparts: `httpx.AsyncClient`, generated `asyncio`, `AsyncTrackyard`."""
    async with AsyncExitStack() as stack:
        raw = await stack.enter_async_context(
            httpx.AsyncClient(base_url=api_url, headers=_auth(KEY), timeout=TIMEOUT)
        )
        generated = await stack.enter_async_context(_generated_client(api_url))
        overlay = await stack.enter_async_context(backbeat.AsyncTrackyard(KEY, base_url=api_url))

        async def raw_search() -> Any:
            return _decoded(await raw.post(SEARCH_PATH, json=SEARCH_BODY))

        async def generated_search() -> SearchResponse:
            response = await search.asyncio_detailed(client=generated, body=_request_model())
            return _parsed(response)

        async def overlay_search() -> SearchResponse:
            return await overlay.search(QUERY)

        yield [
            AsyncContender("raw httpx.AsyncClient", raw_search),
            AsyncContender("generated client (asyncio)", generated_search),
            AsyncContender("backbeat.AsyncTrackyard", overlay_search),
        ]


def _generated_client(api_url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=api_url, token=KEY, timeout=httpx.Timeout(TIMEOUT))


def _request_model() -> SearchRequest:
    return SearchRequest.from_dict(SEARCH_BODY)


def _decoded(response: httpx.Response) -> Any:
    if response.status_code != 200:
        raise BenchError(f"{response.request.url.path} answered {response.status_code}")
    return response.json()


def _parsed(response: Response[Any]) -> SearchResponse:
    if response.status_code != 200 or not isinstance(response.parsed, SearchResponse):
        raise BenchError(f"search answered {int(response.status_code)}")
    return response.parsed


# The Retry-After probe: a free, idempotent operation, so the retry is the overlay's to make.
PROBE_METHOD = str(operations.OPERATIONS["getMe"]["method"])


def probe(api_url: str, key: str, transport: httpx.BaseTransport) -> None:
    """One `Trackyard.me()` call through `transport` (which the overlay's retries wrap)."""
    with backbeat.Trackyard(key, base_url=api_url, transport=transport) as client:
        client.me()
