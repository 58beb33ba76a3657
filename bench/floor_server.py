"""The floor of the download comparison: a server that does nothing but answer every request
with the same bytes the sandbox sends for the benchmarked download (head and body read from a
file). No routing, no validation, no state: on this machine, no HTTP server can send those
bytes faster, so its rate bounds what the sandbox can reach on that path.

`python -m bench.floor_server --response FILE` binds 127.0.0.1 on a port of its own (port 0)
and prints it; it reads each request's head and its `Content-Length` body before answering.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import uvloop

HEAD_END = b"\r\n\r\n"
CONTENT_LENGTH = b"\r\ncontent-length:"


class Answering(asyncio.Protocol):
    def __init__(self, response: bytes) -> None:
        self.response = memoryview(response)
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(HEAD_END)) >= 0:
            request_end = end + len(HEAD_END) + _body_length(self.buffer[:end])
            if len(self.buffer) < request_end:
                return
            self.buffer = self.buffer[request_end:]
            assert self.transport is not None
            self.transport.write(self.response)


def _body_length(head: bytes) -> int:
    start = head.lower().find(CONTENT_LENGTH)
    if start < 0:
        return 0
    value = head[start + len(CONTENT_LENGTH) :].split(b"\r\n", 1)[0]
    return int(value.strip() or 0)


async def serve(response: bytes) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Answering(response), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    await server.serve_forever()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.floor_server", description=__doc__)
    parser.add_argument("--response", type=Path, required=True, help="the whole HTTP response")
    args = parser.parse_args(argv)
    uvloop.run(serve(args.response.read_bytes()))


if __name__ == "__main__":
    main()
