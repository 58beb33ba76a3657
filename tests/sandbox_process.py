"""Start and stop a real sandbox server (``python -m backbeat_sandbox``) for tests.

The server binds 127.0.0.1 on a free port, is polled on ``/_sandbox/health`` until ready, and
is stopped by PID. Other tests start their own instance with
``from tests.sandbox_process import start_sandbox, stop_sandbox``.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

import httpx

STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_sandbox(extra_args: Sequence[str] = ()) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a sandbox; returns its root URL ``http://127.0.0.1:PORT`` and the process."""
    last_error = ""
    for _attempt in range(3):  # another process may grab the port between probe and bind
        port = free_port()
        command = [
            sys.executable, "-m", "backbeat_sandbox", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning", "--no-access-log", *extra_args,
        ]  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryFile() as log:  # the child keeps its own descriptor
            popen = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
            if _wait_ready(url, popen):
                return url, popen
            stop_sandbox(popen)
            log.seek(0)
            last_error = log.read().decode(errors="replace")[-2000:]
    raise RuntimeError(f"the sandbox did not start:\n{last_error}")


def stop_sandbox(popen: subprocess.Popen[bytes]) -> None:
    """Terminate the server by its PID (SIGTERM, then SIGKILL after 10 s)."""
    if popen.poll() is None:
        popen.terminate()
        try:
            popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.wait(timeout=10)


def _wait_ready(url: str, popen: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if popen.poll() is not None:
            return False
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/_sandbox/health", timeout=1.0).status_code == 200:
                return True
        time.sleep(0.05)
    return False
