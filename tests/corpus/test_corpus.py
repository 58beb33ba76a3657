"""The corpus (tests/corpus/targets.py): on specs and servers nobody here wrote, the suite gives
the outcome written down for each (no false failure on an honest target, every known finding
reported), and reports at least every failure `schemathesis run -c all` finds with the same
seed and budget."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from backbeat_contract.spec import Spec
from backbeat_specs import SpecError

from tests.corpus import runner, table
from tests.corpus.targets import LARGE, PRISM, SERVERS, SERVERS_VENV, TARGETS, Server, Target

Test = TypeVar("Test", bound=Callable[..., Any])


def _targets(test: str) -> list[object]:
    return [
        pytest.param(
            target,
            id=target.name,
            marks=[] if test in target.in_make_test else [pytest.mark.whole_corpus],
        )
        for target in (*TARGETS, *SERVERS)
    ]


def on_every_target(test: str, *, seconds: int) -> Callable[[Test], Test]:
    """A slow test of each target, within `seconds`; `make test` runs it on the targets whose
    `in_make_test` names `test`."""

    def mark(function: Test) -> Test:
        for marker in (
            pytest.mark.parametrize("target", _targets(test)),
            pytest.mark.timeout(seconds),
            pytest.mark.slow,
        ):
            function = marker(function)
        return function

    return mark


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite's packages in a site-packages directory: it runs as a user's install does
    (runner.as_installed says why that matters to what it draws)."""
    return runner.as_installed(tmp_path_factory.mktemp("installed"))


def _available(target: Target) -> None:
    if not PRISM.exists():
        pytest.fail("node_modules missing: run `make node` (the Makefile does)")
    if isinstance(target, Server) and not target.venv.exists():
        pytest.fail("the corpus servers are not installed: run `make corpus`")


@on_every_target("outcome", seconds=600)
def test_the_suite_gives_the_written_outcome(
    target: Target, installed: Path, tmp_path: Path
) -> None:
    _available(target)
    suite = runner.run_suite_on(target, tmp_path, installed)
    assert suite.report is not None, suite.output[-3000:]
    assert runner.false_failures(target, suite) == [], suite.output[-1500:]
    assert runner.unreported(target, suite) == []
    # A server known to die must be reported as a run error; no other run may claim one.
    assert (suite.report.get("run_error") is not None) == target.dies, suite.output[-1500:]


@on_every_target("superset", seconds=1800)
def test_the_suite_reports_every_failure_schemathesis_finds(
    target: Target, installed: Path, tmp_path: Path
) -> None:
    _available(target)
    # Each tool gets a fresh server, restarted whenever it dies: both runs reach every
    # operation, whichever request each tool kills the server with (tests/corpus/supervised.py).
    with runner.served(target, tmp_path / "st", restarted=True) as (root, spec):
        alone = runner.run_schemathesis(target, root, spec, tmp_path / "schemathesis.xml")
    suite = runner.run_suite_on(target, tmp_path / "suite", installed, restarted=True)
    assert suite.report is not None, suite.output[-3000:]
    table.record(target, suite, alone, runner.missed(suite, alone))
    assert runner.missed(suite, alone) == set(), alone.output[-1500:]
    # The restarted server lets the run go past where the plain one dies: there too no false
    # failure, and every written-down finding, those past the server's death included.
    assert runner.false_failures(target, suite) == [], suite.output[-1500:]
    assert runner.unreported(target, suite) == []


@pytest.mark.slow
@pytest.mark.whole_corpus
@pytest.mark.timeout(900)
def test_a_large_real_spec_loads_and_a_budgeted_run_finishes(
    installed: Path, tmp_path: Path
) -> None:
    _available(LARGE)
    spec = LARGE.spec
    started = time.monotonic()
    operations = len(Spec.load(spec).operations)
    load_seconds = time.monotonic() - started
    assert spec.stat().st_size >= 5_000_000
    assert operations >= 300
    suite = runner.run_suite_on(LARGE, tmp_path, installed)
    assert suite.report is not None, suite.output[-3000:]
    print(f"large spec: loaded in {load_seconds:.2f} s; run {suite.wall_seconds:.0f} s")


@pytest.mark.whole_corpus
def test_pygeoapi_s_own_spec_is_refused_in_one_line_for_its_remote_refs(tmp_path: Path) -> None:
    """pygeoapi (PyPI) serves a spec whose `$ref`s point at schemas.opengis.net: the suite
    never leaves the machine, so it refuses the spec at load, naming the first such `$ref`."""
    if not SERVERS_VENV.exists():
        pytest.fail("the corpus servers are not installed: run `make corpus`")
    from tests.corpus.pygeoapi import generated_spec

    with pytest.raises(SpecError) as refused:
        Spec.load(generated_spec(tmp_path))
    assert "$ref 'https://schemas.opengis.net/" in str(refused.value)
    assert "points outside the file; bundle the spec into one file first" in str(refused.value)
