"""The Retry-After bench's tiny server: the first request of each key gets a 429 with
`Retry-After`, every later one a 200. Bodies come from files (the spec's examples).

`python -m bench.retry_after_server --port P --ok-body F --refusal-body F [--retry-after S]`
binds 127.0.0.1 only and logs nothing (keys stay out of logs).
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Sequence
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class Bodies:
    """What the server answers, and the keys it has already refused once."""

    def __init__(self, ok: bytes, refusal: bytes, retry_after: str) -> None:
        self.ok, self.refusal, self.retry_after = ok, refusal, retry_after
        self._refused: set[str] = set()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        with self._lock:
            new = key not in self._refused
            self._refused.add(key)
            return new


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the retry reuses the connection

    def __init__(self, bodies: Bodies, *args: Any) -> None:
        self.bodies = bodies
        super().__init__(*args)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self) -> None:
        refuse = self.bodies.first_time(self.headers.get("Authorization", ""))
        body = self.bodies.refusal if refuse else self.bodies.ok
        self.send_response(429 if refuse else 200)
        if refuse:
            self.send_header("Retry-After", self.bodies.retry_after)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines would carry nothing useful, headers must not be logged."""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.retry_after_server", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="default 0: any free port")
    parser.add_argument("--ok-body", type=Path, required=True)
    parser.add_argument("--refusal-body", type=Path, required=True)
    parser.add_argument("--retry-after", default="1")
    args = parser.parse_args(argv)
    bodies = Bodies(args.ok_body.read_bytes(), args.refusal_body.read_bytes(), args.retry_after)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(Handler, bodies))
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
