"""A target behind a fixed loopback address that restarts it whenever it dies.

The superset test compares what two tools find on the same server with the same budget. Prism
dies on some malformed bodies, and the two tools, which order their requests differently, kill
it at different points: each then loses the operations it had not reached yet, and the
comparison measures the crash order, not what each tool can find. Behind this supervisor both
runs reach every operation: the request that kills the server loses its connection (both tools
see that), the next connection waits until a fresh server answers, and the run goes on.

The outcome test does not use it: there a server that dies is a run error the suite must
report, and does.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.contract.suite_runs import launched

# How long a connection may wait for a fresh server (Prism starts in 1 to 3 s; a loaded machine
# makes it slower).
RESTART_WAIT_SECONDS = 60.0
CHUNK = 65536


@dataclass
class Supervisor:
    """Runs `command` and restarts it when it exits; a relay on `root` forwards every
    connection to the server of the moment."""

    command: Sequence[str]
    ready_path: str
    restarts: int = 0
    root: str = ""
    _backend: tuple[str, int] | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _process: subprocess.Popen[bytes] | None = None
    _failure: BaseException | None = None

    def supervise(self) -> None:
        """The supervisor thread: start, wait for the exit, start again, until stopped."""
        starts = 0
        while not self._stopping.is_set():
            try:
                with launched(self.command, self.ready_path) as (process, backend_root):
                    self._process = process
                    if self._stopping.is_set():
                        return
                    address = urlsplit(backend_root)
                    self._backend = (str(address.hostname), int(address.port or 80))
                    self.restarts = starts
                    starts += 1
                    self._ready.set()
                    process.wait()
                    self._ready.clear()
            except BaseException as error:  # handed to the test waiting in backend()
                self._failure = error
                self._ready.set()
                return

    def stop(self) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    def backend(self) -> tuple[str, int]:
        came_back = self._ready.wait(RESTART_WAIT_SECONDS)
        if self._failure is not None:
            raise RuntimeError(f"the supervised server did not start: {self._failure}")
        if not came_back or self._backend is None:
            raise TimeoutError("the supervised server did not come back")
        return self._backend


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, OSError):
            writer.close()


async def _relay(supervisor: Supervisor, started: threading.Event, stop: asyncio.Event) -> None:
    async def forward(client_reader: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        try:
            host, port = await asyncio.to_thread(supervisor.backend)
            server_reader, server = await asyncio.open_connection(host, port)
        except (OSError, TimeoutError, RuntimeError):
            client.close()
            return
        await asyncio.gather(_pipe(client_reader, server), _pipe(server_reader, client))

    relay = await asyncio.start_server(forward, "127.0.0.1", 0)
    port = relay.sockets[0].getsockname()[1]
    supervisor.root = f"http://127.0.0.1:{port}"
    started.set()
    async with relay:
        await stop.wait()


@contextmanager
def supervised(command: Sequence[str], ready_path: str) -> Iterator[Supervisor]:
    """The server behind a relay that outlives it: `supervisor.root` is the URL to test."""
    supervisor = Supervisor(command, ready_path)
    watcher = threading.Thread(target=supervisor.supervise, daemon=True)
    watcher.start()
    supervisor.backend()  # the first start, or its failure
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    started = threading.Event()
    relay = threading.Thread(
        target=loop.run_until_complete, args=(_relay(supervisor, started, stop),), daemon=True
    )
    relay.start()
    started.wait(10)
    try:
        yield supervisor
    finally:
        loop.call_soon_threadsafe(stop.set)
        relay.join(10)
        supervisor.stop()
        watcher.join(30)
        loop.close()
