"""Deadlines and bounds: `timeout=` bounds an attempt as a whole, bodies are capped once
decompressed, and the constructor checks its arguments before any call."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from backbeat import (
    APIConnectionError,
    APITimeoutError,
    AsyncTrackyard,
    Download,
    ResponseTooLargeError,
    Trackyard,
)

KEY = "ty_deadline_test_key"
TRICKLE_INTERVAL = 0.25  # seconds between two bytes: each read succeeds well within `timeout`
TIMEOUT = 1.0


@contextlib.contextmanager
def trickling_server(phase: str) -> Iterator[str]:
    """A loopback server that answers every request one byte at a time, forever: in the
    status line and headers (`phase="headers"`) or in a long body (`phase="body"`)."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    port = listener.getsockname()[1]

    def answer(connection: socket.socket) -> None:
        with connection:
            received = b""
            while b"\r\n\r\n" not in received and not stop.is_set():
                chunk = connection.recv(65536)
                if not chunk:
                    return
                received += chunk
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            if phase == "body":
                connection.sendall(head + b"Content-Length: 100000\r\n\r\n")
                head = b"{" + b" " * 99999
            with contextlib.suppress(OSError):
                for byte in head:
                    if stop.wait(TRICKLE_INTERVAL):  # paces the trickle; returns at teardown
                        return
                    connection.sendall(bytes([byte]))

    def serve() -> None:
        workers = []
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            worker = threading.Thread(target=answer, args=(connection,), daemon=True)
            worker.start()
            workers.append(worker)
        for worker in workers:
            worker.join()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        server.join()
        listener.close()


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["headers", "body"])
def test_a_trickling_server_is_stopped_within_twice_the_timeout(phase: str) -> None:
    with (
        trickling_server(phase) as url,
        Trackyard(KEY, base_url=url, timeout=TIMEOUT, max_retries=0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            client.me()
        elapsed = time.monotonic() - started
    assert elapsed < 2 * TIMEOUT
    assert caught.value.message.startswith(f"getMe: {url.removeprefix('http://')} timed out")


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["headers", "body"])
def test_a_trickling_server_is_stopped_within_twice_the_timeout_async(phase: str) -> None:
    async def call(url: str) -> float:
        async with AsyncTrackyard(KEY, base_url=url, timeout=TIMEOUT, max_retries=0) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await client.me()
            return time.monotonic() - started

    with trickling_server(phase) as url:
        assert asyncio.run(call(url)) < 2 * TIMEOUT


@pytest.mark.slow
def test_a_per_call_timeout_bounds_the_attempt_too() -> None:
    with trickling_server("body") as url, Trackyard(KEY, base_url=url, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.me(timeout=TIMEOUT)
        assert time.monotonic() - started < 2 * TIMEOUT


def _gzip_bomb(size: int) -> list[bytes]:
    """`size` zero bytes, gzipped, in 64 KiB chunks (300 MB is about 300 KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    compressed = b"".join(compressor.compress(block) for _ in range(size >> 20))
    compressed += compressor.flush()
    return [compressed[i : i + 65536] for i in range(0, len(compressed), 65536)]


BOMB = 300 * 1024 * 1024


def _serving(chunks: list[bytes], encoding: str = "gzip") -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json"}
        if encoding:
            headers["content-encoding"] = encoding
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(b"".join(chunks)))

    return httpx.MockTransport(answer)


@pytest.mark.slow
def test_a_gzip_bomb_is_refused_without_growing_the_client() -> None:
    transport = _serving(_gzip_bomb(BOMB))
    with Trackyard(KEY, base_url="https://trackyard.test", transport=transport) as client:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError) as caught:
                client.me()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 100 * 1024 * 1024  # the default cap (64 MiB) plus change, not 300 MB
    assert caught.value.limit == 64 * 1024 * 1024
    assert caught.value.message == (
        "getMe: the response from trackyard.test:443 is larger than 64 MiB once decompressed "
        "(max_response_size)"
    )


@pytest.mark.parametrize("encoding", ["gzip", "deflate", ""])
def test_the_body_cap_is_configurable_and_applies_to_every_encoding(encoding: str) -> None:
    body = b'{"tier": "free", "padding": "' + b"x" * 5000 + b'"}'
    if encoding == "gzip":
        compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        body = compressor.compress(body) + compressor.flush()
    elif encoding == "deflate":
        body = zlib.compress(body)
    transport = _serving([body], encoding)
    with (
        Trackyard(
            KEY, base_url="https://trackyard.test", transport=transport, max_response_size=4096
        ) as client,
        pytest.raises(ResponseTooLargeError, match="larger than 4 KiB"),
    ):
        client.me()


def test_a_body_under_the_cap_is_read_as_usual() -> None:
    me = b'{"tier": "pro", "credits_remaining": 5, "rate_limit_per_minute": 60, "daily_limit": 100}'
    compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    transport = _serving([compressor.compress(me) + compressor.flush()])
    with Trackyard(
        KEY, base_url="https://trackyard.test", transport=transport, max_response_size=len(me)
    ) as client:
        raw = client.with_raw_response.me()
    assert raw.content == me


@pytest.mark.parametrize(
    ("base_url", "problem"),
    [
        ("not a url", "must be an absolute http(s) URL"),
        ("ftp://files.example.com", "must be an absolute http(s) URL"),
        ("https://", "must be an absolute http(s) URL"),
        ("/api/v1", "must be an absolute http(s) URL"),
    ],
)
def test_a_bad_base_url_is_a_value_error_at_construction(base_url: str, problem: str) -> None:
    with pytest.raises(
        ValueError, match=r"^base_url .*" + problem.replace("(", r"\(").replace(")", r"\)")
    ):
        Trackyard(KEY, base_url=base_url)


def test_a_base_url_that_is_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^base_url must be a str, not int$"):
        Trackyard(KEY, base_url=8080)  # type: ignore[arg-type]


def test_a_bad_base_url_from_the_environment_is_refused_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKYARD_BASE_URL", "localhost:8765")
    with pytest.raises(ValueError, match="base_url 'localhost:8765'"):
        Trackyard(KEY)


@pytest.mark.slow
def test_a_connection_error_names_the_operation_and_host_and_port() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    # Nothing listens on the port now: the connection is refused.
    client = Trackyard(KEY, base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
    with client, pytest.raises(APIConnectionError) as caught:
        client.me()
    assert caught.value.message.startswith(f"getMe: connection to 127.0.0.1:{port} failed")


def test_save_into_a_path_ending_in_a_separator_creates_the_folder(tmp_path: Path) -> None:
    download = Download(content=b"ID3 mp3", filename="track.mp3", track_id="t1", duration=None)
    saved = download.save(f"{tmp_path}/new/dir/")
    assert saved == tmp_path / "new" / "dir" / "track.mp3"
    assert saved.read_bytes() == b"ID3 mp3"


def test_save_into_an_existing_folder_uses_the_file_name(tmp_path: Path) -> None:
    download = Download(content=b"ID3 mp3", filename="track.mp3", track_id="t1", duration=None)
    assert download.save(tmp_path) == tmp_path / "track.mp3"
    assert download.save(tmp_path / "named.mp3").read_bytes() == b"ID3 mp3"
