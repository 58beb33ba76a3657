"""Start and stop a backbeat sandbox as a separate process: the one launcher of the project.

The server runs as ``python -m backbeat_sandbox`` under the current interpreter (or a command
you name, such as the ``backbeat-sandbox`` script), so it is always a process of its own, never
an import into the caller. It binds port 0 itself and reports the port the kernel gave it in a
ready file, written once it is listening: no port is probed, closed and reused, so no other
process can take it in between. It is stopped by its PID.

`free_port` is the project's one way to name a port on which nobody listens (a dead server's
address, for tests): the port stays bound by this process, so no other can take it either.

Standard library only, and it imports nothing else of the sandbox: the pytest plugin, the
contract runner, the bench and the tests use it without loading the server's dependencies.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypedDict, Unpack

__all__ = [
    "HEALTH_PATH",
    "MUSICGPT_PATH",
    "QUIET_ARGS",
    "TRACKYARD_PATH",
    "LaunchOptions",
    "Sandbox",
    "SandboxProcess",
    "SandboxStartError",
    "free_port",
    "running_sandbox",
    "start_sandbox",
    "stop_process",
]

# Where the sandbox serves each API: the path of its spec's first server (documented in the
# README's "Sandbox" section).
TRACKYARD_PATH = "/api/external/v1"
MUSICGPT_PATH = "/api/public"
HEALTH_PATH = "/_sandbox/health"
QUIET_ARGS = ("--log-level", "warning", "--no-access-log")
STARTUP_SECONDS = 30.0
STOP_GRACE_SECONDS = 10.0
POLL_SECONDS = 0.02
# Straight to the sandbox: never through a proxy named in the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_held_ports: list[socket.socket] = []
_held_ports_lock = threading.Lock()


class SandboxStartError(RuntimeError):
    """The sandbox process exited, or did not report that it listens, in time."""


@dataclass(frozen=True)
class Sandbox:
    """A running sandbox: its root URL and the base URL of each API."""

    url: str
    """Root URL, ``http://127.0.0.1:PORT`` (no API prefix)."""

    @property
    def trackyard_url(self) -> str:
        return self.url + TRACKYARD_PATH

    @property
    def musicgpt_url(self) -> str:
        return self.url + MUSICGPT_PATH

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def healthy(self) -> bool:
        try:
            with _DIRECT.open(self.url + HEALTH_PATH, timeout=1.0) as answer:
                return bool(answer.status == 200)
        except (OSError, ValueError):
            return False

    def reset(self) -> None:
        """Restore the initial state (needs a sandbox started with ``--enable-reset``)."""
        request = urllib.request.Request(self.url + "/_sandbox/reset", method="POST", data=b"")
        with _DIRECT.open(request, timeout=10.0) as answer:
            answer.read()


@dataclass(frozen=True)
class SandboxProcess:
    """A sandbox this process started; ``stop()`` ends it by its PID."""

    sandbox: Sandbox
    process: subprocess.Popen[bytes]
    stop_signal: signal.Signals = signal.SIGTERM

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        """Stop the server by its PID; see `stop_process`."""
        stop_process(self.process, self.stop_signal)


def stop_process(
    process: subprocess.Popen[bytes], stop_signal: signal.Signals = signal.SIGTERM
) -> None:
    """`stop_signal` to the PID (uvicorn shuts down gracefully), SIGKILL after a grace period.
    Safe to call twice, and on a process that has already exited."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, stop_signal)
    try:
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_GRACE_SECONDS)


class LaunchOptions(TypedDict, total=False):
    """`start_sandbox`'s keyword options (see there)."""

    command: Sequence[str] | None
    python_args: Sequence[str]
    cpus: frozenset[int] | None
    stop_signal: signal.Signals
    quiet: bool
    startup_timeout: float
    env: Mapping[str, str] | None


def start_sandbox(
    extra_args: Sequence[str] = (),
    *,
    command: Sequence[str] | None = None,
    python_args: Sequence[str] = (),
    cpus: frozenset[int] | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    quiet: bool = True,
    startup_timeout: float = STARTUP_SECONDS,
    env: Mapping[str, str] | None = None,
) -> SandboxProcess:
    """Start a sandbox on 127.0.0.1 and return once it listens.

    `extra_args` are sandbox flags (e.g. ``["--enable-reset"]``). `command` replaces
    ``python -m backbeat_sandbox`` (e.g. the ``backbeat-sandbox`` script); `python_args` go to
    the interpreter before ``-m`` (e.g. cProfile). `cpus` pins the server (and every thread it
    starts) to those CPUs; `quiet` adds ``--log-level warning --no-access-log``. Raises
    `SandboxStartError`, with the end of the server's output, when it does not start.
    """
    argv = list(command) if command else [sys.executable, *python_args, "-m", "backbeat_sandbox"]
    with tempfile.TemporaryDirectory(prefix="backbeat-sandbox-") as scratch:
        ready_file = Path(scratch) / "ready.json"
        argv += ["--host", "127.0.0.1", "--port", "0", "--ready-file", str(ready_file)]
        argv += [*(QUIET_ARGS if quiet else ()), *extra_args]
        with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block it
            process = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=None if env is None else dict(env),
                # In the child before exec, so every thread the server starts inherits it.
                preexec_fn=None if cpus is None else lambda: os.sched_setaffinity(0, cpus),
            )
            try:
                url = _wait_for_ready_file(process, ready_file, startup_timeout)
            except BaseException:
                stop_process(process, stop_signal)
                raise
            if url is None:
                stop_process(process, stop_signal)
                raise SandboxStartError(f"the backbeat sandbox did not start: {_tail(log)}")
    return SandboxProcess(Sandbox(url), process, stop_signal)


def free_port() -> int:
    """A loopback port (127.0.0.1) on which nothing listens, and nothing will while this
    process lives: the same port on every call, bound here once, never listened on, and held
    until the process ends. A connection to it is refused at once, and no other process can
    bind it, so it stays a dead address (no bind, close and reuse, which would let another
    process take the port in between). Not a port to start a server on: backbeat's servers
    bind port 0 themselves (`start_sandbox`)."""
    with _held_ports_lock:
        if not _held_ports:
            held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            held.bind(("127.0.0.1", 0))  # no SO_REUSEADDR: nobody else may bind it
            _held_ports.append(held)
        port: int = _held_ports[0].getsockname()[1]
        return port


@contextlib.contextmanager
def running_sandbox(
    extra_args: Sequence[str] = (), **options: Unpack[LaunchOptions]
) -> Iterator[Sandbox]:
    """`start_sandbox` as a context manager: stopped by PID on exit, also on an error."""
    started = start_sandbox(extra_args, **options)
    try:
        yield started.sandbox
    finally:
        started.stop()


def _wait_for_ready_file(
    process: subprocess.Popen[bytes], ready_file: Path, timeout: float
) -> str | None:
    """The root URL the server reports once it listens; None when it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready_file.is_file():  # written whole, then renamed into place
            report = json.loads(ready_file.read_text(encoding="utf-8"))
            return str(report["url"])
        if process.poll() is not None:
            return None
        time.sleep(POLL_SECONDS)
    return None


def _tail(log: IO[bytes], limit: int = 2000) -> str:
    log.seek(0)
    return log.read().decode(errors="replace").strip()[-limit:] or "(no output)"
