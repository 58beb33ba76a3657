"""The Python load generator, for machines where wrk cannot be installed.

asyncio streams and hand-written HTTP/1.1 keep-alive requests on `connections` connections,
one request in flight per connection (as wrk does). No HTTP library sits in the loop, so the
generator spends as little of the shared CPU as Python allows; it is still slower than wrk,
so figures from it understate the server. When the time is up no new request is sent, and
the ones in flight are awaited: the counts are exact.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from .load import LoadResult, LoadTarget
from .stats import percentile

__all__ = ["LoadError", "run"]


class LoadError(RuntimeError):
    """The server answered something this generator cannot frame."""


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    ok: int = 0
    socket_errors: int = 0


def run(target: LoadTarget, *, seconds: float, connections: int) -> LoadResult:
    return asyncio.run(_run(target, seconds, connections))


async def _run(target: LoadTarget, seconds: float, connections: int) -> LoadResult:
    tally = _Tally()
    request = _encode(target)
    started = time.perf_counter()
    deadline = started + seconds
    workers = [_connection(target, request, deadline, tally) for _ in range(connections)]
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - started
    return LoadResult(
        requests=len(tally.latencies),
        ok=tally.ok,
        seconds=elapsed,
        p99=percentile(tally.latencies, 0.99) if tally.latencies else 0.0,
        socket_errors=tally.socket_errors,
        drained=True,
    )


async def _connection(target: LoadTarget, request: bytes, deadline: float, tally: _Tally) -> None:
    while time.perf_counter() < deadline:
        try:
            reader, writer = await asyncio.open_connection(target.host, target.port)
        except OSError:
            tally.socket_errors += 1
            await asyncio.sleep(0.01)
            continue
        try:
            await _exchange_until(deadline, reader, writer, request, tally)
        except (OSError, asyncio.IncompleteReadError):
            tally.socket_errors += 1
        finally:
            writer.close()


async def _exchange_until(
    deadline: float,
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    request: bytes,
    tally: _Tally,
) -> None:
    """Send and await one request at a time until the deadline or until the server closes."""
    while time.perf_counter() < deadline:
        sent = time.perf_counter()
        writer.write(request)
        status, keep_alive = await _read_response(reader)
        tally.latencies.append(time.perf_counter() - sent)
        tally.ok += 200 <= status < 300
        if not keep_alive:
            return


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" not in headers:
        raise LoadError("a response without Content-Length (chunked bodies are not supported)")
    await reader.readexactly(int(headers["content-length"]))
    return int(status_line.split(" ", 2)[1]), headers.get("connection", "").lower() != "close"


def _encode(target: LoadTarget) -> bytes:
    lines = [
        f"{target.method} {target.path} HTTP/1.1",
        f"Host: {target.host}:{target.port}",
        f"Content-Length: {len(target.body)}",
        *(f"{name}: {value}" for name, value in target.headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + target.body
