"""Start and stop a backbeat sandbox as a separate process, the one way everything here does it.

The server runs as ``python -m backbeat_sandbox`` under the current interpreter (so it is the
sandbox installed next to the caller, never an import into the caller's process), binds
127.0.0.1 on a free port, is polled on ``/_sandbox/health`` until ready, and is stopped by PID.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TypedDict, Unpack

import httpx

__all__ = [
    "HEALTH_PATH",
    "MUSICGPT_PATH",
    "TRACKYARD_PATH",
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
START_ATTEMPTS = 3  # another process may take the port between the probe and the bind


class SandboxStartError(RuntimeError):
    """The sandbox process exited or did not answer its health check in time."""


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

    def healthy(self) -> bool:
        try:
            return httpx.get(self.url + HEALTH_PATH, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def reset(self) -> None:
        """Restore the initial state (needs a sandbox started with ``--enable-reset``)."""
        httpx.post(self.url + "/_sandbox/reset", timeout=10.0).raise_for_status()


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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_sandbox(
    extra_args: Sequence[str] = (),
    *,
    python_args: Sequence[str] = (),
    cpus: frozenset[int] | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    quiet: bool = True,
    startup_timeout: float = STARTUP_SECONDS,
) -> SandboxProcess:
    """Start a sandbox and wait until it answers.

    `extra_args` are sandbox flags (e.g. ``["--enable-reset"]``); `python_args` go to the
    interpreter before ``-m backbeat_sandbox`` (e.g. cProfile); `cpus` pins the server (and
    every thread it starts) to those CPUs; `quiet` adds ``--log-level warning --no-access-log``.
    Raises `SandboxStartError` with the end of the server's output when it does not start.
    """
    last_output = ""
    for _attempt in range(START_ATTEMPTS):
        port = free_port()
        argv = [sys.executable, *python_args, "-m", "backbeat_sandbox"]
        argv += ["--host", "127.0.0.1", "--port", str(port), *(QUIET_ARGS if quiet else ())]
        argv += extra_args
        with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block it
            process = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # In the child before exec, so every thread the server starts inherits it.
                preexec_fn=None if cpus is None else lambda: os.sched_setaffinity(0, cpus),
            )
            started = SandboxProcess(Sandbox(f"http://127.0.0.1:{port}"), process, stop_signal)
            if _wait_until_healthy(started, startup_timeout):
                return started
            started.stop()
            last_output = _tail(log)
            if "address already in use" not in last_output.lower():
                break
    raise SandboxStartError(f"the backbeat sandbox did not start: {last_output}")


class LaunchOptions(TypedDict, total=False):
    """`start_sandbox`'s keyword options (see there)."""

    python_args: Sequence[str]
    cpus: frozenset[int] | None
    stop_signal: signal.Signals
    quiet: bool
    startup_timeout: float


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


def _wait_until_healthy(started: SandboxProcess, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if started.process.poll() is not None:
            return False
        if started.sandbox.healthy():
            return True
        time.sleep(0.05)
    return False


def _tail(log: IO[bytes], limit: int = 2000) -> str:
    log.seek(0)
    return log.read().decode(errors="replace").strip()[-limit:] or "(no output)"
