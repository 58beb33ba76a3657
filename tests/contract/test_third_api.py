"""A third API none of backbeat's code knows (tests/contract/notes: a spec with no vendor
extensions and a server written for these tests). The suite derives what the spec allows,
reports the rest as not provokable, catches a fault of every kind it checks, and the same spec
with a few extensions turns its not-provokable cells into verified ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import backbeat_specs
import pytest
import yaml
from backbeat_contract import coverage

from tests.contract.notes.server import FAULTS, READER, WRITER
from tests.contract.suite_runs import FAST, judging, run_suite, serve

SPEC = Path(__file__).with_name("notes") / "notes.openapi.yaml"
# What the spec cannot say in standard OpenAPI: a reader key (403 on writes) and how to make a
# duplicate (409). docs/spec-extensions.md documents both.
EXTENSIONS: list[tuple[tuple[str, ...], Any]] = [
    (("x-key-roles",), {"reader": {"description": "A key that may only read."}}),
    (("components", "responses", "Forbidden", "x-provoke"), {"key": "reader"}),
    (
        ("paths", "/notes", "post", "x-provoke"),
        {"409": {"request": {"body": {"id": "contract-duplicate"}}, "times": 2}},
    ),
]
ENV = {"CONTRACT_API_KEY": WRITER, "CONTRACT_READER_KEY": READER}
NOT_DERIVABLE = {("createNote", 403), ("updateNote", 403), ("deleteNote", 403)}


def _extended_spec(directory: Path) -> Path:
    document = backbeat_specs.read_document(SPEC)
    for (*parents, name), value in EXTENSIONS:
        node = document
        for parent in parents:
            node = node[parent]
        node[name] = value
    path = directory / "notes.extended.openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _server(fault: str | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tests.contract.notes.server",
        "{port}",
        *([fault] if fault else []),
    ]


def _run(
    spec: Path, reports: Path, fault: str | None, *args: str
) -> tuple[int, dict[str, Any], str]:
    with serve(_server(fault), "/notes") as root:
        run = run_suite(["--spec", str(spec), "--base-url", root, *args], reports, env=ENV)
    report = json.loads(run.report("contract-coverage.json"))
    return run.returncode, report, run.output


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_derived_without_extensions_verified_with_them(tmp_path: Path) -> None:
    plain_code, plain, output = _run(SPEC, tmp_path / "plain", None, "--max-examples", "10")
    assert plain_code == 0, output[-3000:]
    assert coverage.schema_errors(plain) == []
    verdicts = coverage.verdicts(plain)
    not_provokable = {cell for cell, verdict in verdicts.items() if verdict == "not_provokable"}
    assert not_provokable - {("createNote", 409)} == NOT_DERIVABLE, verdicts
    for cell, verdict in verdicts.items():
        if cell not in NOT_DERIVABLE | {("createNote", 409)}:
            assert verdict == "verified", (cell, verdict)
    reasons = next(
        c
        for op in plain["operations"]
        for c in op["cells"]
        if op["operation_id"] == "deleteNote" and c["status"] == 403
    )["reasons"]
    assert any("x-key-roles" in reason for reason in reasons)
    assert WRITER not in output
    assert READER not in json.dumps(plain)

    extended = _extended_spec(tmp_path)
    baseline = tmp_path / "plain" / "contract-coverage.json"
    code, rich, output = _run(
        extended, tmp_path / "rich", None, "--max-examples", "10", "--baseline", str(baseline)
    )
    assert code == 0, output[-3000:]
    assert set(coverage.verdicts(rich).values()) == {"verified"}, coverage.verdicts(rich)
    better = {(c["operation"], c["status"]) for c in rich["changes"]["better"]}
    assert better >= NOT_DERIVABLE
    assert rich["changes"]["worse"] == []
    assert READER not in json.dumps(rich)
    assert "$READER_KEY" in json.dumps(rich)


# fault -> a line of the violation list must contain this
CAUGHT = {
    "not_found_as_bad_request": "**getNote 404** [status] an unknown id",
    "auth_ignored": "**listNotes 401** [status] no key",
    "errors_as_text": "**getNote 404** [content-type]",
    "mistyped_body": "**getNote 200** [body-schema]",
    "no_location": "**createNote 201** [header:Location]",
    "no_retry_after": "**exportNotes 429** [header:Retry-After]",
    "retry_after_days": "**exportNotes 429** [header:Retry-After]",
    "remaining_on_429": "**exportNotes 429** [header:X-RateLimit-Remaining]",
    "remaining_stuck": "[ratelimit-remaining-decreases]",
    "accepts_missing_title": "**createNote 422** [status] a required field left out",
    "crash_on_bad_limit": "**listNotes 422** [status] invalid parameters",
    "duplicate_accepted": "**createNote 409** [status] x-provoke request",
    "reader_can_write": "**deleteNote 403** [status] a reader key",
}
# The suite runs only the tests that judge the bent promise (see test_faults).
RUN_WIDE = {"[ratelimit-remaining-decreases]": "ratelimit_remaining_decreases or listNotes-200"}
# Faults only the spec with extensions can catch (it says how to provoke 409 and 403).
NEED_EXTENSIONS = {"duplicate_accepted", "reader_can_write"}


def test_every_fault_of_the_server_is_tested() -> None:
    assert set(CAUGHT) == set(FAULTS)


@pytest.mark.slow
@pytest.mark.parametrize("fault", sorted(CAUGHT))
def test_a_fault_is_caught_and_named(fault: str, tmp_path: Path) -> None:
    expected = CAUGHT[fault]
    spec = _extended_spec(tmp_path) if fault in NEED_EXTENSIONS else SPEC
    with serve(_server(fault), "/notes") as root:
        args = ["--spec", str(spec), "--base-url", root, *FAST, "-k", judging(expected, RUN_WIDE)]
        run = run_suite(args, tmp_path / "r", env=ENV)
    assert run.returncode == 1, run.output[-3000:]
    report = run.report("contract-coverage.md")
    violations = [
        line for line in report.splitlines() if line.startswith("- **") or line.startswith("- [")
    ]
    assert any(expected in line for line in violations), "\n".join(violations) or run.output[-3000:]


@pytest.mark.slow
def test_fail_on_regression_exits_non_zero_when_a_cell_got_worse(tmp_path: Path) -> None:
    """A clean run (no violation) still fails when asked to, if a cell is worse than the
    baseline says it was."""
    _, report, _ = _run(SPEC, tmp_path / "first", None, *FAST)
    for operation in report["operations"]:
        for cell in operation["cells"]:
            if (operation["operation_id"], cell["status"]) in NOT_DERIVABLE:
                cell["verdict"] = "verified"  # as if an earlier run had verified them
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps(report), encoding="utf-8")
    args = ["--baseline", str(previous), "--fail-on-regression", "1", *FAST]
    with serve(_server(), "/notes") as root:
        run = run_suite(["--spec", str(SPEC), "--base-url", root, *args], tmp_path / "r", env=ENV)
    assert run.returncode == 1, run.output[-3000:]
    now = json.loads(run.report("contract-coverage.json"))
    assert now["violations"] == []
    assert {(c["operation"], c["status"]) for c in now["changes"]["worse"]} == NOT_DERIVABLE
    assert "contract: worse since the baseline: deleteNote 403" in run.output
