"""Each bench section, run with tiny parameters against real local servers: it must finish
and return well-formed figures. No timing is asserted: benchmarks report, tests do not judge
speed."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

from bench import accounts, contract, overhead, retry_after, throughput
from bench.__main__ import main
from bench.processes import ServerError, announced, running
from bench.report import Section

pytestmark = pytest.mark.slow


def assert_well_formed(section: Section, expected_figures: int) -> None:
    assert len(section.figures) == expected_figures
    for figure in section.figures:
        spread = figure.spread
        assert spread.runs >= 1
        assert all(math.isfinite(value) for value in (spread.min, spread.median, spread.max))
        assert spread.min <= spread.median <= spread.max
    assert section.failed_checks == []
    assert section.method


def test_client_overhead_compares_three_clients_sync_and_async() -> None:
    section = overhead.run(calls=20, per_round=10, async_calls=16, tasks=4, per_task=2)
    assert_well_formed(section, expected_figures=20)
    names = [figure.name for figure in section.figures]
    assert names[4] == "sync backbeat.Trackyard / raw httpx"
    assert names[9] == "sync CPU time backbeat.Trackyard / raw httpx"
    assert section.figures[9].target is None  # CPU time explains, wall time is judged
    assert section.figures[4].target is not None
    assert section.figures[3].target is None  # generated/raw is reported, not judged
    assert names[14] == "async throughput backbeat.AsyncTrackyard / raw httpx.AsyncClient"
    assert section.figures[14].target is not None
    assert names[-1] == "async CPU throughput backbeat.AsyncTrackyard / raw httpx.AsyncClient"
    assert section.figures[-1].target is None  # CPU explains, wall-clock throughput is judged
    assert all(figure.spread.min > 0 for figure in section.figures)


def test_throughput_against_prism_keeps_the_sandbox_state_exact() -> None:
    section = throughput.run(
        seconds=0.2, slices=1, connections=4, generator=throughput.choose_generator("python")
    )
    # six paths (sandbox and Prism throughput and p99, and their ratio); on the download, Prism
    # on the spec as it is and the bytes-only floor as well (unjudged); three servers' memory
    assert_well_formed(section, expected_figures=6 * 5 + 2 * 3 + 3)
    judged = [figure.name for figure in section.figures if figure.target is not None]
    assert len(judged) == 6
    assert "sandbox/prism /download-track req/s" in judged
    assert any(text.startswith("exact") for text, _ in section.checks)
    # one credit-checked /search slice, the exact check, the download's equal bytes
    assert len(section.checks) == 3
    assert all(passed for _, passed in section.checks)
    if section.missed:  # the profile of the sandbox goes with a missed target
        assert "cProfile" in section.findings


def test_account_memory_is_measured_before_and_past_the_cap() -> None:
    section = accounts.run(accounts=50)
    assert_well_formed(section, expected_figures=3)
    assert section.figures[0].name == "resident memory per 10,000 magic-key accounts"


def test_retry_after_precision_measures_every_run() -> None:
    section = retry_after.run(runs=3)
    assert_well_formed(section, expected_figures=2)
    extra = section.figures[0].spread
    assert extra.runs == 3
    assert extra.min >= 0  # never earlier than the server asked


def test_contract_section_times_both_commands() -> None:
    quick_suite = [sys.executable, "-c", "print('3 passed')"]
    quick_cli = ["--max-examples=1", "--phases=examples"]
    section = contract.run(runs=1, suite_command=quick_suite, cli_extra_args=quick_cli)
    assert_well_formed(section, expected_figures=2)
    assert "exit codes: [0]" in section.notes[0]


def test_main_writes_the_results_file(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    assert main(["--only", "retry-after", "--retry-runs", "2", "--output", str(output)]) == 0
    text = output.read_text()
    assert text.startswith("# Benchmark results")
    assert "| extra sleep, p95 |" in text
    assert "## Retry-After precision" in text


def test_main_rejects_unknown_sections() -> None:
    with pytest.raises(SystemExit):
        main(["--only", "nonsense"])


def test_a_server_that_never_gets_ready_is_stopped_by_pid() -> None:
    argv = [sys.executable, "-c", "import time; time.sleep(60)"]
    with (
        pytest.raises(ServerError, match="not ready"),
        running(argv, name="sleeper", ready=lambda output: None, timeout=0.5),
    ):
        pass  # pragma: no cover - never reached


def test_a_failing_body_still_stops_the_server() -> None:
    code = "import os, time; print('pid', os.getpid(), flush=True); time.sleep(60)"
    argv = [sys.executable, "-c", code]
    started: list[int] = []

    def start_then_fail() -> None:
        with running(argv, name="sleeper", ready=announced(r"pid (\d+)")) as server:
            started.append(server.pid)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        start_then_fail()
    with pytest.raises(ProcessLookupError):  # stopped and reaped before the error left
        os.kill(started[0], 0)
