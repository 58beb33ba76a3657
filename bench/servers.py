"""The servers under test, started the documented way: the sandbox and Prism 5.14.2."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .processes import CPU_SPLIT, answers_http, free_port, running

__all__ = ["LOAD_CPUS", "REPO_ROOT", "SERVER_CPUS", "prism", "sandbox"]

REPO_ROOT = Path(__file__).resolve().parents[1]
PRISM = REPO_ROOT / "node_modules" / ".bin" / "prism"
# The production-like way the sandbox documents for benchmarks: one uvicorn worker, no
# per-request access log, warnings only.
SANDBOX_QUIET = ("--log-level", "warning", "--no-access-log")
# Servers get one core; the bench (clients, load generators) pins itself to the other(s).
SERVER_CPUS = CPU_SPLIT[0] if CPU_SPLIT else None
LOAD_CPUS = CPU_SPLIT[1] if CPU_SPLIT else None


@contextmanager
def sandbox(
    python_args: Sequence[str] = (), *, cpus: frozenset[int] | None = None
) -> Iterator[str]:
    """A fresh sandbox (on `cpus` only, when given); yields its root URL (no API prefix).

    `python_args` go to the interpreter before `-m backbeat_sandbox` (the bench uses them to
    run it under cProfile). It is stopped with SIGINT: uvicorn shuts down gracefully and then
    re-raises the signal, which as SIGINT unwinds through cProfile (so it writes its file),
    where a re-raised SIGTERM would end the process on the spot."""
    port = free_port()
    argv = [sys.executable, *python_args, "-m", "backbeat_sandbox"]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    root = f"http://127.0.0.1:{port}"
    ready = answers_http(f"{root}/_sandbox/health")
    quiet = [*argv, *SANDBOX_QUIET]
    with running(quiet, name="sandbox", ready=ready, stop_signal=signal.SIGINT, cpus=cpus):
        yield root


@contextmanager
def prism(spec: Path) -> Iterator[str]:
    """`prism mock SPEC` on the server core (the spec's paths are served at the root); yields
    its root URL."""
    port = free_port()
    argv = [str(PRISM), "mock", str(spec), "-h", "127.0.0.1", "-p", str(port)]
    root = f"http://127.0.0.1:{port}"
    ready = answers_http(root)
    with running(argv, name="prism", ready=ready, cwd=REPO_ROOT, cpus=SERVER_CPUS):
        yield root
