"""Servers as subprocesses: each binds port 0 itself and announces its URL, stop by PID.

Each server leads its own process group (`start_new_session`), so stopping it by its PID
also ends whatever it spawned (Prism runs under node), and nothing else.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = [
    "CPU_SPLIT",
    "MIB",
    "Server",
    "ServerError",
    "announced",
    "peak_rss",
    "pinned",
    "running",
]

MIB = 1024 * 1024


@dataclass(frozen=True)
class Server:
    """A server the bench started: the root URL it announced, and its PID."""

    url: str
    pid: int


def peak_rss(pid: int) -> int:
    """The peak resident memory of a running process, in bytes (Linux: ``VmHWM``)."""
    return _status_field(pid, "VmHWM")


def rss(pid: int) -> int:
    """The resident memory of a running process now, in bytes (Linux: ``VmRSS``)."""
    return _status_field(pid, "VmRSS")


def _status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise ServerError(f"/proc/{pid}/status has no {name}")


STOP_GRACE_SECONDS = 10.0


def _cpu_split() -> tuple[frozenset[int], frozenset[int]] | None:
    """(CPUs for the server, CPUs for the side that makes the load), or None on one CPU."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None
    return frozenset(available[:1]), frozenset(available[1:])


# Taken once, at import, before any section pins this process.
CPU_SPLIT = _cpu_split()


@contextmanager
def pinned(cpus: frozenset[int] | None) -> Iterator[None]:
    """Run this process (and what it starts meanwhile) on `cpus` only; None: no change."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


class ServerError(RuntimeError):
    """A server the bench needs did not start, or a tool it runs failed."""


def announced(pattern: str) -> Callable[[str], str | None]:
    """Readiness: the server's output so far has a line matching `pattern`, whose group 1 is
    its root URL (the server bound port 0 and says which port it got)."""
    compiled = re.compile(pattern)

    def url(output: str) -> str | None:
        found = compiled.search(output)
        return found.group(1).rstrip("/") if found else None

    return url


@contextmanager
def running(
    argv: Sequence[str],
    *,
    name: str,
    ready: Callable[[str], str | None],
    timeout: float = 60.0,
    cwd: Path | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    cpus: frozenset[int] | None = None,
) -> Iterator[Server]:
    """Start `argv` (on `cpus` only, when given), wait until `ready(output so far)` gives the
    root URL the server announced, yield it, and stop the server by PID at the end with
    `stop_signal` (SIGKILL after a grace period), also when the body or the start fails."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            list(argv),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            start_new_session=True,
            # In the child before exec, so every thread the server starts inherits it.
            preexec_fn=None if cpus is None else lambda: os.sched_setaffinity(0, cpus),
        )
        try:
            yield Server(_wait_until_ready(process, name, ready, timeout, log), process.pid)
        finally:
            stop(process, stop_signal)


def stop(process: subprocess.Popen[bytes], stop_signal: signal.Signals = signal.SIGTERM) -> None:
    """`stop_signal` to the process group the PID leads, SIGKILL after a grace period."""
    _signal_group(process, stop_signal)
    try:
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _wait_until_ready(
    process: subprocess.Popen[bytes],
    name: str,
    ready: Callable[[str], str | None],
    timeout: float,
    log: IO[bytes],
) -> str:
    deadline = time.monotonic() + timeout
    while (url := ready(_output(log))) is None:
        if process.poll() is not None:
            raise ServerError(f"{name} exited with {process.returncode}: {_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"{name} was not ready after {timeout:g} s: {_tail(log)}")
        time.sleep(0.05)
    return url


def _output(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")


def _tail(log: IO[bytes], limit: int = 800) -> str:
    log.seek(0)
    text = log.read().decode(errors="replace").strip()
    return text[-limit:] or "(no output)"
