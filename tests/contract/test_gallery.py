"""A third-party-like API (tests/contract/gallery: no backbeat extensions) whose honest server
the suite must judge honest: each case below was a false failure before the suite built valid
requests from the schema, honoured each operation's own security, took ids from the API, kept
an unknown id within its documented range, reported a heuristic that drew another documented
status as observed, and gave `default` answers a cell of their own."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from backbeat_contract import coverage

from tests.contract.gallery.server import PARTNER_KEY, USER_KEY
from tests.contract.suite_runs import FAST, run_suite, serve

SPEC = Path(__file__).with_name("gallery") / "gallery.openapi.yaml"
SERVER = [sys.executable, "-m", "tests.contract.gallery.server", "{port}"]
ENV = {"CONTRACT_API_KEY": USER_KEY, "GALLERY_PARTNER": PARTNER_KEY}


def _cell(report: dict[str, Any], operation: str, status: int | str) -> dict[str, Any]:
    return next(
        cell
        for op in report["operations"]
        if op["operation_id"] == operation
        for cell in op["cells"]
        if cell["status"] == status
    )


@pytest.fixture(scope="module")
def gallery_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], str]:
    reports = tmp_path_factory.mktemp("gallery")
    args = ["--spec", str(SPEC), "--auth", "partnerKey=GALLERY_PARTNER", *FAST]
    with serve(SERVER, "/stats") as root:
        run = run_suite(["--base-url", root, *args], reports, env=ENV)
    report = json.loads(run.report("contract-coverage.json"))
    return run.returncode, report, run.all_text()


@pytest.mark.slow
def test_an_honest_third_party_server_is_judged_honest(
    gallery_run: tuple[int, dict[str, Any], str],
) -> None:
    code, report, output = gallery_run
    assert report["violations"] == [], report["violations"]
    assert code == 0, output[-3000:]
    assert coverage.schema_errors(report) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("operation", "status", "why"),
    [
        ("pay", 200, "an operation secured by its own apiKey header gets that key"),
        ("createPhoto", 201, "a required body with no example is generated from its schema"),
        ("pay", 200, "a oneOf body is generated from one of its alternatives"),
        ("getPhoto", 200, "the path id comes from the API (the list), not from the example"),
        ("getPhoto", 404, "the unknown id stays within the id's documented range"),
        ("getStats", "default", "a `default` answer has a cell, checked by a valid request"),
    ],
)
def test_each_former_false_failure_is_verified(
    gallery_run: tuple[int, dict[str, Any], str], operation: str, status: int | str, why: str
) -> None:
    _, report, _ = gallery_run
    assert _cell(report, operation, status)["verdict"] == "verified", why


@pytest.mark.slow
def test_a_heuristic_that_draws_another_documented_status_is_observed(
    gallery_run: tuple[int, dict[str, Any], str],
) -> None:
    """Leaving out a required field aims at 422; the spec's 400 covers a missing field too, and
    the server answers 400: the 422 cell is not failed, and says what was observed."""
    _, report, _ = gallery_run
    aimed = _cell(report, "createPhoto", 422)
    assert aimed["verdict"] == "not_provokable"
    assert any(reason.startswith("observed 400") for reason in aimed["reasons"]), aimed
    assert _cell(report, "createPhoto", 400)["verdict"] in ("verified", "observed")


@pytest.mark.slow
def test_per_scheme_credentials_never_reach_a_report(
    gallery_run: tuple[int, dict[str, Any], str],
) -> None:
    _, report, text = gallery_run
    assert PARTNER_KEY not in text
    assert USER_KEY not in text
    curls = [e["curl"] for op in report["operations"] for c in op["cells"] for e in c["evidence"]]
    assert any('"X-Partner-Key: $GALLERY_PARTNER"' in curl for curl in curls), curls


@pytest.mark.slow
def test_fuzzing_reports_every_distinct_failure_with_a_reproducer(tmp_path: Path) -> None:
    """Two bugs of one operation (a 500 on an empty caption, a 201 without its required tags):
    fuzzing goes on after the first and reports both, each with a key-free reproducer."""
    args = ["--spec", str(SPEC), "--auth", "partnerKey=GALLERY_PARTNER", "--assert=plain"]
    args += ["--max-examples", "10", "--phases", "examples,coverage,fuzzing"]
    with serve([*SERVER, "blank_caption_crashes", "empty_tags_dropped"], "/stats") as root:
        run = run_suite(["--base-url", root, *args], tmp_path, env=ENV)
    assert run.returncode == 1, run.output[-3000:]
    report = json.loads(run.report("contract-coverage.json"))
    found = {(v["operation"], v["status"], v["rule"]) for v in report["violations"]}
    assert ("createPhoto", 500, "schemathesis:Server error") in found, found
    assert ("createPhoto", 201, "schemathesis:Response violates schema") in found, found
    crash = next(v for v in report["violations"] if v["rule"] == "schemathesis:Server error")
    assert '"caption": ""' in crash["curl"]
    assert '"Authorization: Bearer $API_KEY"' in crash["curl"]
    assert USER_KEY not in run.all_text()


@pytest.mark.slow
def test_a_generated_valid_request_says_so(gallery_run: tuple[int, dict[str, Any], str]) -> None:
    _, report, _ = gallery_run
    reasons = _cell(report, "createPhoto", 201)["reasons"]
    assert any("generated by schemathesis" in reason for reason in reasons), reasons
