"""A webhook receiver: a small HTTP server on 127.0.0.1 and a free port, in a thread, that
keeps every POST it gets, by path. The suite hands out one path per operation, so each
delivery says which request it answers without reading the payload."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A payload larger than this is cut (the check then reports it as not JSON).
MAX_PAYLOAD_BYTES = 1024 * 1024
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Delivery:
    path: str
    content_type: str
    body: bytes


class Receiver:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self._server = server
        self._lock = threading.Lock()
        self._received: dict[str, list[Delivery]] = {}

    def url(self, path: str) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}/{path.lstrip('/')}"

    def keep(self, delivery: Delivery) -> None:
        with self._lock:
            self._received.setdefault(delivery.path, []).append(delivery)

    def deliveries(self, path: str) -> list[Delivery]:
        with self._lock:
            return list(self._received.get("/" + path.lstrip("/"), []))

    def wait(self, expected: Mapping[str, int], seconds: float) -> float:
        """Until each path got its expected number of POSTs, or `seconds` passed; how long it
        waited."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if all(len(self.deliveries(path)) >= n for path, n in expected.items()):
                break
            time.sleep(POLL_SECONDS)
        return time.monotonic() - started


class _Server(ThreadingHTTPServer):
    # Every task of a run may complete at once: the default backlog of 5 would reset the rest.
    request_queue_size = 128
    daemon_threads = True


def _handler(receiver: list[Receiver]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            try:
                length = min(int(self.headers.get("Content-Length") or 0), MAX_PAYLOAD_BYTES)
            except ValueError:
                length = 0
            body = self.rfile.read(length) if length > 0 else b""
            content_type = self.headers.get("Content-Type", "")
            receiver[0].keep(Delivery(self.path, content_type, body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the report says what arrived."""

    return Handler


@contextmanager
def receiving() -> Iterator[Receiver]:
    """A receiver on 127.0.0.1 and a free port for the duration of the block."""
    holder: list[Receiver] = []
    server = _Server(("127.0.0.1", 0), _handler(holder))
    holder.append(Receiver(server))
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
