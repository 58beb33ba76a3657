"""Run the contract suite as a user would (a subprocess) against a server started here."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
from backbeat_sandbox.launcher import stop_process

REPO = Path(__file__).resolve().parents[2]
ANNOUNCED = re.compile(r"(?:listening|serving|running) on (http://127\.0\.0\.1:\d+)", re.IGNORECASE)
SUITE_SECONDS = 120
# PYTHONDONTWRITEBYTECODE makes pytest re-rewrite schemathesis' modules on every start.
FAST = ("--max-examples", "3", "--assert=plain", "--phases", "examples,fuzzing")


@dataclass(frozen=True)
class SuiteRun:
    returncode: int
    output: str
    reports: Path

    def report(self, name: str) -> str:
        return (self.reports / name).read_text(encoding="utf-8")

    def all_text(self) -> str:
        files = "".join(p.read_text(encoding="utf-8") for p in sorted(self.reports.iterdir()))
        return self.output + files


@contextmanager
def serve(command: Sequence[str], ready_path: str) -> Iterator[str]:
    """Start `command` with {port} = 0: the server binds a free port itself and announces
    "listening on URL" (or "serving on", uvicorn's "running on"); yield that root URL once it
    answers."""
    with launched(command, ready_path) as (_process, root):
        yield root


@contextmanager
def launched(
    command: Sequence[str], ready_path: str
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`serve`, with the process: (the process, its root URL once it answers)."""
    argv = [part.format(port=0) for part in command]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(argv, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        try:
            root = _announced(log, process)
            if root is None or not _answers(root + ready_path, process):
                log.seek(0)
                raise RuntimeError(f"{argv[:3]} did not start:\n{log.read().decode()[-2000:]}")
            yield process, root
        finally:
            stop_process(process)


def _announced(log: IO[bytes], process: subprocess.Popen[bytes]) -> str | None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        log.seek(0)
        found = ANNOUNCED.search(log.read().decode(errors="replace"))
        if found:
            return found.group(1)
        time.sleep(0.05)
    return None


def _answers(url: str, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(url, timeout=1.0)
            return True
        except httpx.HTTPError:
            time.sleep(0.1)
    return False


@contextmanager
def nothing_listening() -> Iterator[str]:
    """A root URL on which connections are refused: the port is bound but never listened on,
    and held until the block ends, so no other process can take it meanwhile."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{bound.getsockname()[1]}"


def fault_server(name: str) -> list[str]:
    return [sys.executable, "-m", "tests.contract.fault_server", name, "{port}"]


def run_suite(args: Sequence[str], reports: Path, env: dict[str, str] | None = None) -> SuiteRun:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests/backbeat_contract",
        "--report-dir",
        str(reports),
        *args,
    ]
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    done = subprocess.run(
        command,
        cwd=REPO,
        env={**clean_env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=SUITE_SECONDS,
        check=False,
    )
    return SuiteRun(done.returncode, done.stdout + done.stderr, reports)


def judging(expected: str, run_wide: Mapping[str, str]) -> str:
    """The tests of the contract suite (a pytest -k expression) that judge the promise a line
    of its violation list names: every test of the operation the line names
    (`**operationId ...`), or, for a check `run_wide` lists by its point (`[point]`), the
    expression given there (`{operation}` filled in)."""
    point = re.search(r"\[[\w:-]+\]", expected)
    operation = re.match(r"\*\*(\w+)", expected)
    assert point, expected
    if point.group(0) in run_wide:
        return run_wide[point.group(0)].format(operation=operation and operation.group(1))
    assert operation, expected
    return operation.group(1)
