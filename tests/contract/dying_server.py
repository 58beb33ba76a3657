"""The notes server, dying mid-run: ``python -m tests.contract.dying_server PORT N`` answers N
requests and then exits, as a crashed server would (later connections are refused)."""

from __future__ import annotations

import os
import sys
import threading

from tests.contract.notes.server import Handler, NotesServer

_lock = threading.Lock()
_left = [0]


class DyingHandler(Handler):
    def handle_one_request(self) -> None:
        with _lock:
            _left[0] -= 1
            dead = _left[0] < 0
        if dead:
            os._exit(1)  # no reply, no cleanup: the way a crash looks from outside
        super().handle_one_request()


def main(argv: list[str]) -> None:
    _left[0] = int(argv[1])
    server = NotesServer(int(argv[0]), None)
    server.RequestHandlerClass = DyingHandler
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
