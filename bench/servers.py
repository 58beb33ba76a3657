"""The servers under test, started the documented way: the sandbox and Prism 5.14.2."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from backbeat_sandbox.launcher import SandboxStartError, start_sandbox

from .processes import CPU_SPLIT, Server, ServerError, announced, running

__all__ = ["LOAD_CPUS", "REPO_ROOT", "SERVER_CPUS", "Server", "floor", "prism", "sandbox"]

REPO_ROOT = Path(__file__).resolve().parents[1]
PRISM = REPO_ROOT / "node_modules" / ".bin" / "prism"
# Servers get one core; the bench (clients, load generators) pins itself to the other(s).
SERVER_CPUS = CPU_SPLIT[0] if CPU_SPLIT else None
LOAD_CPUS = CPU_SPLIT[1] if CPU_SPLIT else None


@contextmanager
def sandbox(
    python_args: Sequence[str] = (), *, cpus: frozenset[int] | None = None
) -> Iterator[Server]:
    """A fresh sandbox (on `cpus` only, when given), quiet (``--log-level warning
    --no-access-log``), started by backbeat's one launcher; yields its URL and PID.

    `python_args` go to the interpreter before `-m backbeat_sandbox` (the bench uses them to
    run it under cProfile). It is stopped with SIGINT: uvicorn shuts down gracefully and then
    re-raises the signal, which as SIGINT unwinds through cProfile (so it writes its file),
    where a re-raised SIGTERM would end the process on the spot."""
    try:
        started = start_sandbox(python_args=python_args, cpus=cpus, stop_signal=signal.SIGINT)
    except SandboxStartError as error:
        raise ServerError(str(error)) from None
    try:
        yield Server(started.sandbox.url, started.pid)
    finally:
        started.stop()


@contextmanager
def prism(spec: Path) -> Iterator[Server]:
    """`prism mock SPEC` on the server core (the spec's paths are served at the root), on the
    port it binds itself (``-p 0``) and announces; yields its root URL and PID."""
    argv = [str(PRISM), "mock", str(spec), "-h", "127.0.0.1", "-p", "0"]
    ready = announced(r"Prism is listening on (http://127\.0\.0\.1:\d+)")
    with running(argv, name="prism", ready=ready, cwd=REPO_ROOT, cpus=SERVER_CPUS) as server:
        yield server


@contextmanager
def floor(response: bytes, directory: Path) -> Iterator[Server]:
    """`bench.floor_server` on the server core, answering every request with `response` (a
    whole HTTP answer); yields its root URL and PID."""
    answer = directory / "floor-response.bin"
    answer.write_bytes(response)
    argv = [sys.executable, "-m", "bench.floor_server", "--response", str(answer)]
    ready = announced(r"listening on (http://127\.0\.0\.1:\d+)")
    with running(argv, name="floor", ready=ready, cwd=REPO_ROOT, cpus=SERVER_CPUS) as server:
        yield server
