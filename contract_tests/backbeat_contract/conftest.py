"""pytest wiring: options, the shared harness, and the reports written at the end."""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from backbeat_contract import preflight, reports, runtime, settings
from backbeat_contract.coverage import RunFacts
from backbeat_contract.harness import Harness
from backbeat_contract.keys import variable

HARNESS = pytest.StashKey[Harness]()
# When the run started: wall clock (shown) and monotonic (measured).
STARTED = pytest.StashKey[tuple[datetime, float]]()
# Which phase the requests of a test module count as in the report.
PHASES = {"test_statuses": "scenarios", "test_semantics": "semantic", "test_webhooks": "webhooks"}
# Modules whose tests are reported as named checks (with their outcome) rather than as cells.
CHECK_MODULES = ("test_semantics", "test_webhooks")


def pytest_addoption(parser: pytest.Parser) -> None:
    settings.add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("help"):
        return
    run, spec = settings.load(config)
    harness = Harness(run, spec)
    config.stash[STARTED] = (datetime.now(UTC), time.monotonic())
    harness.ledger.documented = {op.operation_id: op.cells for op in harness.spec.operations}
    harness.ledger.labels = {
        op.operation_id: (op.method, op.path) for op in harness.spec.operations
    }
    harness.ledger.note(
        f"mode `{run.mode}`; credit budget {run.credit_budget if run.is_live else 'none'}"
    )
    if run.sandbox_magic and run.builtin:
        legend = ", ".join(
            f"{variable(r)}: {k}_<suffix>" for r, k in run.builtin.sandbox.keys.items()
        )
        harness.ledger.note(f"keys: fresh sandbox accounts per scenario ({legend})")
    try:
        preflight.check(harness)
    except preflight.Unusable as unusable:
        pytest.exit(f"contract: {run.keys.redact(str(unusable))}", preflight.EXIT_UNUSABLE)
    config.stash[HARNESS] = harness
    config.stash[OUTAGE] = preflight.Outage()
    runtime.install(harness)
    if not config.option.xmlpath:
        config.option.xmlpath = str(run.report_dir / f"{run.report_stem}-junit.xml")
    config.stash[EARLIER_JUNIT] = reports.earlier(Path(config.option.xmlpath))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "operation_status" in metafunc.fixturenames:
        spec = metafunc.config.stash[HARNESS].spec
        pairs = [(op, status) for op in spec.operations for status in op.cells]
        ids = [f"{op.operation_id}-{status}" for op, status in pairs]
        metafunc.parametrize("operation_status", pairs, ids=ids)
    if "operation" in metafunc.fixturenames:
        ops = metafunc.config.stash[HARNESS].spec.operations
        metafunc.parametrize("operation", ops, ids=[op.operation_id for op in ops])
    if "webhook_operation" in metafunc.fixturenames:
        senders = [op for op in metafunc.config.stash[HARNESS].spec.operations if op.webhook]
        # None: one test, which says why nothing is checked, rather than an empty set.
        ids = [op.operation_id for op in senders] or ["none"]
        metafunc.parametrize("webhook_operation", senders or [None], ids=ids)


# Targeted scenarios and semantic checks first: under a live credit budget they matter most.
MODULE_ORDER = ("test_statuses", "test_semantics", "test_webhooks", "test_fuzz", "test_stateful")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.stem
        return MODULE_ORDER.index(name) if name in MODULE_ORDER else len(MODULE_ORDER)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def harness(pytestconfig: pytest.Config) -> Iterator[Harness]:
    h = pytestconfig.stash[HARNESS]
    yield h
    h.session.close()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    harness = item.config.stash.get(HARNESS, None)
    if harness is not None:
        harness.phase = PHASES.get(item.path.stem, "scenarios")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    outage = item.config.stash.get(OUTAGE, None)
    if outage is not None and report.failed:
        error = call.excinfo.value if call.excinfo is not None else None
        if outage.observe(item.nodeid, error):
            if preflight.answers(item.config.stash[HARNESS]):
                outage.forgive()
            else:
                outage.confirm()
                item.session.shouldstop = "contract: the server stopped answering; run stopped"
    decided = report.when == "call" or (report.skipped and report.when == "setup")
    if item.path.stem in CHECK_MODULES and decided:
        name = item.name.removeprefix("test_").replace("_", " ")
        item.config.stash[HARNESS].ledger.checks[name] = _outcome(report)
    return report


def _outcome(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return f"skipped: {report.longrepr[2].removeprefix('Skipped: ')}"
    return "kept" if report.passed else "violated (see Violations)"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    harness = session.config.stash.get(HARNESS, None)
    if harness is None:
        return
    spent = harness.session.budget.spent
    harness.ledger.note(f"credits spent by this run (counted and observed): {spent}")
    outage = session.config.stash[OUTAGE]
    if outage.suspected and not preflight.answers(harness):
        outage.confirm()
    run_error = outage.report(_unjudged(harness))
    session.config.stash[RUN_ERROR] = run_error
    if not harness.ledger.judged:
        return  # nothing judged: earlier reports (and a --baseline among them) stay as they were
    facts = _facts(session.config, harness)
    for path in reports.write(harness.settings, harness.ledger, facts, run_error):
        session.config.stash.setdefault(WRITTEN, []).append(path)
    if reports.has_violations(harness.ledger) and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    worse = reports.regressed(harness.settings) if harness.settings.baseline else []
    session.config.stash[REGRESSED] = worse
    if worse and harness.settings.fail_on_regression:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if run_error:  # stopped early (pytest says "interrupted"): proof found first wins
        violated = reports.has_violations(harness.ledger)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED if violated else preflight.EXIT_RUN_ERROR


def _unjudged(harness: Harness) -> int:
    """Documented cells the run gave no verdict."""
    return sum(
        harness.ledger.verdict(operation, status) is None
        for operation, statuses in harness.ledger.documented.items()
        for status in statuses
    )


WRITTEN = pytest.StashKey[list[Path]]()
OUTAGE = pytest.StashKey[preflight.Outage]()
RUN_ERROR = pytest.StashKey[dict[str, Any] | None]()
EARLIER_JUNIT = pytest.StashKey[bytes | None]()
REGRESSED = pytest.StashKey[list[Any]]()


def _facts(config: pytest.Config, harness: Harness) -> RunFacts:
    started_at, started = config.stash[STARTED]
    run = harness.settings
    probed = harness.__dict__.get("prefer_honoured")  # a cached_property, if it was probed
    return RunFacts(
        api=run.api,
        spec=run.spec_path.name,
        target=run.base_url,
        profile=run.mode,
        seed=run.seed,
        started_at=started_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        wall_seconds=time.monotonic() - started,
        credits_spent=harness.session.budget.spent,
        prefer_honoured=probed if isinstance(probed, bool) else None,
    )


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    harness = config.stash.get(HARNESS, None)
    if harness is None:
        return
    junit = Path(config.option.xmlpath) if config.option.xmlpath else None
    if not harness.ledger.judged:
        if junit is not None:
            reports.restore(junit, config.stash.get(EARLIER_JUNIT, None))
        print("contract: nothing was judged; earlier reports were left as they were", flush=True)
        return
    run_error = config.stash.get(RUN_ERROR, None)
    if junit is not None:
        reports.redact_file(harness.settings, junit)
        if run_error:
            reports.junit_run_error(junit, run_error)
    for line in reports.console_summary(harness.settings, run_error):
        print(line, flush=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for path in terminalreporter.config.stash.get(WRITTEN, []):
        terminalreporter.write_line(f"contract report: {path}")
    for cell in terminalreporter.config.stash.get(REGRESSED, []):
        terminalreporter.write_line(
            f"contract: worse since the baseline: {cell['operation']} {cell['status']} "
            f"({cell['before']} -> {cell['after']})",
            red=True,
        )
