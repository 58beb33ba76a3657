"""Serving the app with uvicorn: the request-head limit (431) and the ready report.

- **Head limit.** The request line plus headers may take at most ``max_header_bytes``
  (default 64 KiB, ``--max-header-kib``). A longer head is answered ``431 Request Header Fields
  Too Large`` and the connection is closed: the rest of the head is read and dropped, so the
  parser never holds more than the limit plus one network read.
- **Ready report.** The server may bind port 0; once it listens (and the app's start-up has
  run) it writes ``{"url": "http://HOST:PORT", "pid": PID}`` to ``--ready-file`` (written
  whole, then renamed into place) and prints the URL. `backbeat_sandbox.launcher` reads it.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_MAX_HEADER_BYTES = 64 * 1024
HEAD_END = b"\r\n\r\n"
DRAIN_SECONDS = 1.0
LARGE_BODY_BYTES = 64 * 1024


class CoalescingTransport:
    """A transport whose writes within one turn of the event loop leave as one: uvicorn writes
    a response's head and body separately, and on loopback each write is a system call that
    costs more than the rest of a small request."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data if isinstance(data, bytes) else bytes(data))

    def _flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        if self._transport.is_closing():
            return
        if len(pending) > 1 and len(pending[-1]) > LARGE_BODY_BYTES:
            self._transport.writelines(pending)  # one gathered write, no copy of a large body
        else:
            self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeadLimitedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, refusing a request head longer than the limit with 431."""

    max_header_bytes = DEFAULT_MAX_HEADER_BYTES

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._head_complete = False
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if not self._head_complete:
            end = data.find(HEAD_END)
            head_part = len(data) if end < 0 else end + len(HEAD_END)
            self._head_bytes += head_part
            if self._head_bytes > self.max_header_bytes:
                self._refuse()
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._head_complete = True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._head_bytes = 0
        self._head_complete = False

    def _refuse(self) -> None:
        self._refused = True
        limit = f"{self.max_header_bytes // 1024} KiB"
        message = f"Request header fields too large: the request head may take at most {limit}."
        body = message.encode("ascii")
        head = [b"HTTP/1.1 431 Request Header Fields Too Large\r\n"]
        head += [b"%s: %s\r\n" % pair for pair in self.server_state.default_headers]
        head += [
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: %d\r\n" % len(body),
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        # What the client still sends is read and dropped for a moment before the close, so
        # that the close is clean and the client reads the 431 rather than a reset.
        self.loop.call_later(DRAIN_SECONDS, self.transport.close)


def protocol_with_limit(max_header_bytes: int) -> type[HeadLimitedProtocol]:
    return type(
        "HeadLimitedProtocol", (HeadLimitedProtocol,), {"max_header_bytes": max_header_bytes}
    )


class ReportingServer(uvicorn.Server):
    """A uvicorn server that says where it listens once it does (see the module's doc)."""

    def __init__(self, config: uvicorn.Config, ready_file: Path | None) -> None:
        super().__init__(config)
        self.ready_file = ready_file

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.started or not self.servers:
            return
        host, port = self.servers[0].sockets[0].getsockname()[:2]
        url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        print(f"backbeat-sandbox: serving on {url}", flush=True)
        if self.ready_file is not None:
            partial = self.ready_file.with_name(self.ready_file.name + ".partial")
            partial.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
            os.replace(partial, self.ready_file)


def serve(
    app: Any,
    *,
    host: str,
    port: int,
    log_level: str,
    access_log: bool,
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES,
    ready_file: Path | None = None,
) -> None:
    """Serve ``app`` in this process (one worker: the state lives here) until a signal."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        workers=1,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        http=protocol_with_limit(max_header_bytes),
        lifespan="on",
        log_level=log_level,
        access_log=access_log,
        server_header=False,
        proxy_headers=False,  # a local sandbox; X-Forwarded-* would only cost time
    )
    ReportingServer(config, ready_file).run()
