"""Servers as subprocesses: a free 127.0.0.1 port, readiness polling, stop by PID.

Each server leads its own process group (`start_new_session`), so stopping it by its PID
also ends whatever it spawned (Prism runs under node), and nothing else.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import httpx
from backbeat_pytest.launcher import free_port

__all__ = ["CPU_SPLIT", "ServerError", "answers_http", "free_port", "pinned", "running"]

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


def answers_http(url: str) -> Callable[[], bool]:
    """Readiness: the server gives any HTTP answer at `url`."""

    def ready() -> bool:
        try:
            httpx.get(url, timeout=1.0)
        except httpx.HTTPError:
            return False
        return True

    return ready


@contextmanager
def running(
    argv: Sequence[str],
    *,
    name: str,
    ready: Callable[[], bool],
    timeout: float = 60.0,
    cwd: Path | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    cpus: frozenset[int] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `argv` (on `cpus` only, when given), wait until `ready()`, yield the process, and
    stop it by PID at the end with `stop_signal` (SIGKILL after a grace period), also when the
    body or the start fails."""
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
            _wait_until_ready(process, name, ready, timeout, log)
            yield process
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
    ready: Callable[[], bool],
    timeout: float,
    log: IO[bytes],
) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise ServerError(f"{name} exited with {process.returncode}: {_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"{name} was not ready after {timeout:g} s: {_tail(log)}")
        time.sleep(0.1)


def _tail(log: IO[bytes], limit: int = 800) -> str:
    log.seek(0)
    text = log.read().decode(errors="replace").strip()
    return text[-limit:] or "(no output)"
