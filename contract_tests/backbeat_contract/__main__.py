"""`make contract`: run the suite against `$CONTRACT_BASE_URL`, or, without one, against a
sandbox started here on a free port and stopped by PID afterwards (also on failure or Ctrl-C).

Usage: python -m backbeat_contract [pytest args...]   (settings come from $CONTRACT_* variables)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO

import pytest

from backbeat_contract.profiles import PROFILES

SUITE_DIR = Path(__file__).resolve().parent
HEALTH_PATH = "/_sandbox/health"
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(root: str) -> bool:
    try:
        with urllib.request.urlopen(root + HEALTH_PATH, timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def sandbox() -> Iterator[str]:
    """A fresh sandbox on a free port; yields its root URL."""
    port = free_port()
    command = [sys.executable, "-m", "backbeat_sandbox", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log"]
    root = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block it
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(process, root, log)
            print(f"contract: sandbox at {root} (pid {process.pid})", flush=True)
            yield root
        finally:
            _stop(process)


def _wait_until_healthy(process: subprocess.Popen[bytes], root: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _healthy(root):
        if process.poll() is not None:
            log.seek(0)
            error = log.read().decode(errors="replace")
            raise SystemExit(f"the sandbox exited with {process.returncode}:\n{error[-2000:]}")
        if time.monotonic() > deadline:
            raise SystemExit(f"the sandbox did not answer {HEALTH_PATH} within {STARTUP_SECONDS} s")
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def _terminate_as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_suite(extra: Sequence[str]) -> int:
    # Plain asserts: every assert in the suite carries its own message, and rewriting the
    # schemathesis plugin's modules costs seconds per start where bytecode is not cached.
    args = [str(SUITE_DIR), "--rootdir", str(SUITE_DIR.parent), "--assert=plain", *extra]
    return int(pytest.main(args))


def main(argv: Sequence[str]) -> int:
    signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        return _run(argv)
    except KeyboardInterrupt:  # before or after pytest, which handles its own
        print("contract: interrupted", file=sys.stderr)
        return int(pytest.ExitCode.INTERRUPTED)


def _given(argv: Sequence[str], name: str) -> bool:
    """Whether a setting was given, as an option or as its environment variable."""
    option = "--" + name.lower().replace("_", "-")
    in_args = any(arg == option or arg.startswith(option + "=") for arg in argv)
    return in_args or bool(os.environ.get(f"CONTRACT_{name}"))


def _run(argv: Sequence[str]) -> int:
    if _given(argv, "BASE_URL"):
        return run_suite(argv)
    if _given(argv, "SPEC") and not _given(argv, "API"):
        raise SystemExit(
            "a spec given with SPEC= (--spec) needs BASE_URL= (--base-url): the embedded "
            f"sandbox serves only {' and '.join(sorted(PROFILES))}"
        )
    api = os.environ.get("CONTRACT_API") or "trackyard"
    if api not in PROFILES:
        raise SystemExit(f"API must be one of {sorted(PROFILES)}, got {api!r}")
    with sandbox() as root:
        base_url = root + PROFILES[api].base_path
        return run_suite(["--base-url", base_url, "--sandbox-magic", "1", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
