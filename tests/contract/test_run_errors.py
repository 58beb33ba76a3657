"""A run that cannot judge says so: a dead target stops before the run with one line and its own
exit status, a server that dies mid-run is a run error at the top of every report, and a run
that judged nothing leaves earlier reports (and a baseline among them) as they were."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from backbeat_contract import coverage
from backbeat_contract.preflight import EXIT_RUN_ERROR, EXIT_UNUSABLE, STOP_AFTER

from tests.contract.notes.server import READER, WRITER
from tests.contract.suite_runs import FAST, nothing_listening, run_suite, serve

NOTES = Path(__file__).with_name("notes") / "notes.openapi.yaml"
ENV = {"CONTRACT_API_KEY": WRITER, "CONTRACT_READER_KEY": READER}
NOTES_SERVER = [sys.executable, "-m", "tests.contract.notes.server", "{port}"]
# Requests the dying server answers: the readiness probe, the preflight and a few cells.
ANSWERED_BEFORE_DYING = 12


def _args(root: str) -> list[str]:
    return ["--spec", str(NOTES), "--base-url", root, *FAST]


def test_nothing_listening_stops_the_run_with_one_line(tmp_path: Path) -> None:
    with nothing_listening() as root:
        run = run_suite(_args(root), tmp_path, env=ENV)
    assert run.returncode == EXIT_UNUSABLE, run.output[-2000:]
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert lines == [f"Exit: contract: cannot reach {root}: Connection refused"], lines
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_a_refused_key_stops_the_run_with_one_line(tmp_path: Path) -> None:
    with serve(NOTES_SERVER, "/notes") as root:
        run = run_suite(_args(root), tmp_path, env={"CONTRACT_API_KEY": "not-a-notes-key"})
    assert run.returncode == EXIT_UNUSABLE, run.output[-2000:]
    assert "contract: the key was refused: GET /notes answered 401" in run.output
    assert "not-a-notes-key" not in run.output


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_server_that_dies_mid_run_is_a_run_error_in_every_report(tmp_path: Path) -> None:
    dying = [sys.executable, "-m", "tests.contract.dying_server", "{port}"]
    with serve([*dying, str(ANSWERED_BEFORE_DYING)], "/notes") as root:
        run = run_suite(_args(root), tmp_path, env=ENV)
    assert run.returncode == EXIT_RUN_ERROR, run.output[-3000:]
    report = json.loads(run.report("contract-coverage.json"))
    assert coverage.schema_errors(report) == []
    error = report["run_error"]
    assert "the server stopped answering mid-run" in error["message"]
    assert error["unjudged_cells"] == report["summary"]["not_run"] > 0
    # The run stops once the server is plainly gone, not after a traceback per test.
    assert error["failed_tests"] == STOP_AFTER
    assert run.report("contract-coverage.md").splitlines()[2].startswith("> ⛔ **Run error:")
    html = run.report("contract-coverage.html")
    assert html.index('class="run-error"') < html.index('class="facts"')
    suite = ET.parse(tmp_path / "contract-junit.xml").getroot().find("testsuite")
    assert suite is not None
    first = suite.find("testcase")
    assert first is not None
    assert first.get("name") == "run error"
    message = str(first.find("error").get("message"))  # type: ignore[union-attr]
    assert f"{error['unjudged_cells']} documented cells were left unjudged" in message
    tail = run.output.strip().splitlines()
    assert tail[-2].startswith("contract: Run error:"), tail[-3:]
    assert tail[-1].startswith("contract: "), tail[-3:]
    assert " cells: " in tail[-1], tail[-3:]


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_run_that_judged_nothing_keeps_the_baseline_and_regressions_still_fail(
    tmp_path: Path,
) -> None:
    """The usual loop: the last report is the next run's baseline, in the same folder. A run
    that cannot judge must not replace it with a report of nothing, or the next run would
    compare against nothing and miss what got worse."""
    with serve(NOTES_SERVER, "/notes") as root:
        first = run_suite(_args(root), tmp_path, env=ENV)
    assert first.returncode == 0, first.output[-3000:]
    baseline = tmp_path / "contract-coverage.json"
    report = json.loads(baseline.read_text(encoding="utf-8"))
    for operation in report["operations"]:
        for cell in operation["cells"]:
            if (operation["operation_id"], cell["status"]) == ("deleteNote", 403):
                cell["verdict"] = "verified"  # as if an earlier run had verified it
    baseline.write_text(json.dumps(report), encoding="utf-8")
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    regression = ["--baseline", str(baseline), "--fail-on-regression", "1"]

    with nothing_listening() as dead:
        nothing = run_suite([*_args(dead), *regression], tmp_path, env=ENV)
    assert nothing.returncode == EXIT_UNUSABLE, nothing.output[-2000:]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == kept

    with serve(NOTES_SERVER, "/notes") as root:
        again = run_suite([*_args(root), *regression], tmp_path, env=ENV)
    assert again.returncode == 1, again.output[-3000:]
    assert "contract: worse since the baseline: deleteNote 403" in again.output
