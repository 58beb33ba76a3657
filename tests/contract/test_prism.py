"""Pointed at Prism (stateless, any key, honours Prefer), the suite completes and says what
Prism honours and what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.suite_runs import REPO, run_suite, serve

PRISM = str(REPO / "node_modules" / ".bin" / "prism")
KEY = "prism-accepts-any-key-7f3a"


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_prism_run_completes_and_reports_honestly(tmp_path: Path) -> None:
    if not Path(PRISM).exists():
        pytest.skip("node_modules not installed (make node)")
    command = [PRISM, "mock", "openapi.yaml", "-h", "127.0.0.1", "-p", "{port}"]
    with serve(command, "/me") as root:
        # Every phase (coverage included): the point is that nothing Prism does hangs the run.
        args = ["--base-url", root, "--api-key", KEY, "--max-examples", "5", "--assert=plain"]
        run = run_suite(args, tmp_path)
    assert run.returncode == 1, run.output[-3000:]  # failures found, not a crash or usage error
    matrix = run.report("contract-coverage.md")
    assert "the server honours `Prefer: code=N`" in matrix
    # Prism has no state: a forced status is observed, an unknown track is still served.
    assert "| search | 402 | observed |" in matrix
    assert "**downloadTrack 404** [status] x-provoke request" in matrix
    assert "**getMe 429** [status] a burst" in matrix
    assert (tmp_path / "contract-junit.xml").exists()
    assert (tmp_path / "contract-coverage.html").exists()
    assert KEY not in run.all_text()
