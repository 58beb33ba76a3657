"""The webhook courier under load and against tricky hosts.

- The host checked is the host connected to: a name that is not exactly ``localhost`` is
  refused before any lookup (proved by replacing the resolver), and ``localhost`` itself is
  connected to as 127.0.0.1, never looked up.
- Under load (a served sandbox, measured by its resident memory): every webhook reaches a
  healthy receiver, and a silent receiver neither grows memory without bound nor slows the
  API's own answers.
"""

from __future__ import annotations

import asyncio
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from backbeat_sandbox.launcher import Sandbox
from backbeat_sandbox.webhooks import Courier, Delivery, DeliveryPolicy

MIB = 1024 * 1024
LOAD_KEY = "mg_test_load_courier"


class Resolver:
    """Stands in for the system resolver and records every name it is asked about."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        real = socket.getaddrinfo

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            self.asked.append(host.decode() if isinstance(host, bytes) else str(host))
            return real(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


class CountingReceiver:
    """Counts the POSTs it receives; `arrived` fires at `expected`."""

    def __init__(self, expected: int) -> None:
        self.count = 0
        self.hosts: set[str] = set()
        self.arrived = threading.Event()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with lock:
                    receiver.count += 1
                    receiver.hosts.add(self.headers.get("Host", ""))
                    if receiver.count >= expected:
                        receiver.arrived.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SilentReceiver:
    """Accepts connections and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=1024)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self) -> None:
        self.closed.set()
        self.listener.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    return Resolver(monkeypatch)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1.:{port}/hook",
        "http://localhost.:{port}/hook",
        "http://LOCALHOST.:{port}/hook",
        "http://hooks.invalid/hook",
        "http://2130706433:{port}/hook",
    ],
)
def test_a_refused_host_is_never_looked_up(resolver: Resolver, url: str) -> None:
    receiver = CountingReceiver(expected=1)
    try:
        courier = Courier()

        async def send_and_settle() -> None:
            courier.send(Delivery(url.format(port=receiver.port), ({"a": 1},), "test"))
            await courier.wait_idle()
            await courier.aclose()

        asyncio.run(send_and_settle())
    finally:
        receiver.close()
    assert resolver.asked == []
    assert receiver.count == 0


def test_localhost_is_connected_to_as_127_0_0_1_never_looked_up(resolver: Resolver) -> None:
    receiver = CountingReceiver(expected=1)
    try:
        courier = Courier()

        async def send_and_settle() -> None:
            courier.send(Delivery(f"http://localhost:{receiver.port}/hook", ({"a": 1},), "t"))
            await courier.wait_idle()
            await courier.aclose()

        asyncio.run(send_and_settle())
    finally:
        receiver.close()
    assert receiver.count == 1
    assert receiver.hosts == {f"localhost:{receiver.port}"}
    assert "localhost" not in resolver.asked


def test_a_full_queue_drops_and_counts_instead_of_growing() -> None:
    courier = Courier(delivery=DeliveryPolicy(max_in_flight=1, max_queued=2))
    silent = SilentReceiver()
    try:

        async def flood() -> None:
            for n in range(10):
                courier.send(Delivery(f"http://127.0.0.1:{silent.port}/", ({"n": n},), "t"))
            assert courier.queued <= 2
            await courier.aclose()

        asyncio.run(flood())
    finally:
        silent.close()
    assert courier.dropped >= 7


# --- under load, in a served sandbox ------------------------------------------------------


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture
def served() -> Iterator[tuple[Sandbox, int]]:
    from backbeat_sandbox.launcher import start_sandbox

    started = start_sandbox(["--task-seconds", "0.2"])
    try:
        yield started.sandbox, started.pid
    finally:
        started.stop()


def _start_tasks(client: httpx.Client, sandbox: Sandbox, hook: str, count: int) -> None:
    for n in range(count):
        response = client.post(
            f"{sandbox.musicgpt_url}/v1/Cover",
            headers={"Authorization": LOAD_KEY},
            data={"audio_url": f"https://example.org/{n}.mp3", "voice_id": "Drake",
                  "webhook_url": hook},
            files={"unused": ("", b"")},
        )  # fmt: skip
        assert response.status_code == 200, response.text


def _warm_up(client: httpx.Client, sandbox: Sandbox) -> None:
    """Imports and first-use caches, so that the growth measured is the courier's: a few
    deliveries to a port that refuses connections at once (bound, never listened on)."""
    with socket.socket() as refusing:
        refusing.bind(("127.0.0.1", 0))
        _start_tasks(client, sandbox, f"http://127.0.0.1:{refusing.getsockname()[1]}/", 20)
        client.get(f"{sandbox.musicgpt_url}/v1/getAllVoices", headers={"Authorization": LOAD_KEY})


@pytest.mark.slow
def test_300_webhooks_all_reach_a_loopback_receiver_and_memory_stays_flat(
    served: tuple[Sandbox, int],
) -> None:
    sandbox, pid = served
    receiver = CountingReceiver(expected=300)
    try:
        with httpx.Client(timeout=10) as client:
            _warm_up(client, sandbox)
            before = _rss(pid)
            started = time.monotonic()
            _start_tasks(client, sandbox, f"http://127.0.0.1:{receiver.port}/hook", 300)
            assert receiver.arrived.wait(60 - (time.monotonic() - started)), receiver.count
            growth = _rss(pid) - before
    finally:
        receiver.close()
    assert receiver.count == 300
    assert growth < 60 * MIB, f"memory grew by {growth / MIB:.0f} MiB"


@pytest.mark.slow
def test_500_webhooks_to_a_silent_receiver_neither_grow_memory_nor_slow_answers(
    served: tuple[Sandbox, int],
) -> None:
    sandbox, pid = served
    silent = SilentReceiver()
    try:
        with httpx.Client(timeout=10) as client:
            _warm_up(client, sandbox)
            before = _rss(pid)
            _start_tasks(client, sandbox, f"http://127.0.0.1:{silent.port}/hook", 500)
            slowest = 0.0
            for _ in range(20):  # while the courier is stuck on the silent receiver
                asked = time.monotonic()
                response = client.get(
                    f"{sandbox.musicgpt_url}/v1/getAllVoices", headers={"Authorization": LOAD_KEY}
                )
                slowest = max(slowest, time.monotonic() - asked)
                assert response.status_code == 200
            growth = _rss(pid) - before
    finally:
        silent.close()
    assert slowest < 1.0, f"getAllVoices took {slowest:.2f} s"
    assert growth < 100 * MIB, f"memory grew by {growth / MIB:.0f} MiB"
