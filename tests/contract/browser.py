"""Render an HTML report in a real headless browser: Debian's Chromium, which `make test`
installs (the `chromium` stamp target of the Makefile).

``python -m tests.contract.browser REPORT.html OUT.png [WIDTH HEIGHT]`` takes a screenshot
(docs/contract-matrix.png was made this way).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Headless, and nothing that reaches for the network or a desktop session.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
TIMEOUT_SECONDS = 90


def chromium() -> str | None:
    named = os.environ.get("CHROMIUM")
    return named or shutil.which("chromium") or shutil.which("chromium-browser")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (make test installs it: apt-get)")
    with tempfile.TemporaryDirectory(prefix="backbeat-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )


def screenshot(page: Path, out: Path, width: int = 1200, height: int = 820) -> Path:
    done = _run([f"--window-size={width},{height}", f"--screenshot={out}", page.resolve().as_uri()])
    if not out.exists():
        raise RuntimeError(
            f"chromium wrote no screenshot ({done.returncode}): {done.stderr[-2000:]}"
        )
    return out


def dom(page: Path) -> str:
    """The page's DOM after scripts ran."""
    done = _run(["--dump-dom", page.resolve().as_uri()])
    if done.returncode != 0 or "<html" not in done.stdout:
        raise RuntimeError(f"chromium dumped no DOM ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


if __name__ == "__main__":
    size = [int(v) for v in sys.argv[3:5]] or [1200, 820]
    print(screenshot(Path(sys.argv[1]), Path(sys.argv[2]), *size))
