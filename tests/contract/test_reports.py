"""The three reports (JSON against its published schema, the HTML matrix, the Markdown job
summary), `--baseline` changes, and the matrix as a real browser renders it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from backbeat_contract import baseline, coverage, reports
from backbeat_contract.coverage import RunFacts
from backbeat_contract.keys import Keys
from backbeat_contract.ledger import Exchange, Ledger, Verdict, Violation
from backbeat_contract.settings import RunSettings

from tests.contract import browser
from tests.contract.png import pixels

SECRET = "sk-live-report-0042"
CURL = f"curl -X GET http://api.example/things/1 -H 'Authorization: Bearer {SECRET}'"


def _ledger() -> Ledger:
    ledger = Ledger(
        documented={"getThing": (200, 404, 429, 500), "putThing": (201, 403, 409)},
        labels={"getThing": ("GET", "/things/{id}"), "putThing": ("PUT", "/things/{id}")},
    )
    answer = Exchange("a valid request", CURL, 200, (("Content-Type", "application/json"),), "{}")
    ledger.mark("getThing", 200, Verdict.VERIFIED, "a valid request")
    ledger.witness("getThing", 200, answer)
    ledger.mark("getThing", 404, Verdict.VERIFIED, "an unknown id")
    ledger.mark("getThing", 429, Verdict.OBSERVED, "forced with Prefer: code=429")
    ledger.mark("getThing", 500, Verdict.NOT_PROVOKABLE, "no way to provoke 500")
    ledger.mark("putThing", 201, Verdict.VERIFIED, "a valid request")
    ledger.violate(Violation("putThing", 403, "status", "expected 403, got 200", CURL))
    ledger.mark("putThing", 502, Verdict.OBSERVED, "fuzzing")  # a status nobody documented
    ledger.cases.update(examples=3, fuzzing=40, scenarios=9)
    ledger.judged = 52
    ledger.checks["credits charged only on success"] = "kept"
    ledger.note(f"probe sent with {SECRET}")
    return ledger


def _settings(tmp_path: Path, previous: Path | None = None) -> RunSettings:
    return RunSettings(
        api="things",
        spec_path=Path("things.yaml"),
        base_url="http://api.example",
        mode="sandbox",
        credit_budget=0,
        max_examples=1,
        phases=("examples",),
        seed=7,
        report_dir=tmp_path,
        sandbox_magic=False,
        keys=Keys({"main": SECRET}, magic=None),
        baseline=previous,
    )


FACTS = RunFacts(
    "things",
    "things.yaml",
    "http://api.example",
    "sandbox",
    7,
    "2026-11-30T06:00:00Z",
    3.2,
    4,
    False,
)


@pytest.fixture
def written(tmp_path: Path) -> dict[str, str]:
    paths = reports.write(_settings(tmp_path), _ledger(), FACTS)
    return {p.suffix: p.read_text(encoding="utf-8") for p in paths}


def test_the_json_report_matches_its_published_schema(written: dict[str, str]) -> None:
    doc = json.loads(written[".json"])
    assert coverage.schema_errors(doc) == []
    assert doc["format"] == "backbeat-contract-coverage"
    assert doc["version"] == 1
    assert doc["summary"] == {
        "verified": 3, "observed": 1, "not_provokable": 1, "violated": 1, "not_run": 1,
    }  # fmt: skip
    assert doc["run"]["cases_per_phase"] == {"examples": 3, "fuzzing": 40, "scenarios": 9}
    cells = {(op["operation_id"], c["status"]): c for op in doc["operations"] for c in op["cells"]}
    assert cells[("putThing", 502)]["documented"] is False
    assert cells[("putThing", 409)]["verdict"] == "not_run"
    assert cells[("getThing", 200)]["evidence"][0]["curl"].endswith(
        "'Authorization: Bearer $API_KEY'"
    )


def test_the_schema_refuses_what_is_not_a_report() -> None:
    broken: dict[str, Any] = {"format": "backbeat-contract-coverage", "version": 1, "run": {}}
    assert coverage.schema_errors(broken)
    assert not coverage.schema_errors(json.loads(json.dumps(_doc())))


def _doc() -> dict[str, Any]:
    return coverage.document(FACTS, _ledger())


def test_no_report_shows_a_key(written: dict[str, str]) -> None:
    for text in written.values():
        assert SECRET not in text
        assert "$API_KEY" in text


def test_the_html_matrix_has_a_coloured_cell_per_documented_status(written: dict[str, str]) -> None:
    page = written[".html"]
    header = re.search(r'<table class="matrix".*?</thead>', page, re.S)
    assert header
    assert re.findall(r"<th>(\d+)</th>", header.group(0)) == [
        "200",
        "201",
        "403",
        "404",
        "409",
        "429",
        "500",
        "502",
    ]
    rows = re.findall(r"<tr><td class=\"op\">(.*?)</tr>", page, re.S)
    assert len(rows) == 2
    get_row = rows[0]
    assert get_row.count('class="cell blank"') == 4  # 201, 403, 409, 502 are not getThing's
    for verdict in ("verified", "observed", "not_provokable"):
        assert f"v-{verdict}" in get_row
    assert 'class="cell v-violated"' in rows[1]
    assert 'class="cell v-observed undocumented"' in rows[1]
    # Each cell opens to its evidence: an anchor to a <details> with reasons and a reproducer.
    assert 'href="#cell-getThing-200"' in get_row
    evidence = re.search(
        r'<details class="evidence" id="cell-getThing-200">.*?</details>', page, re.S
    )
    assert evidence
    assert "a valid request" in evidence.group(0)
    assert "Bearer $API_KEY" in evidence.group(0)
    for fact in (
        "Target",
        "Profile",
        "Seed",
        "Wall time",
        "Cases per phase",
        "Checks run",
        "Credits spent",
    ):
        assert f"<dt>{fact}</dt>" in page


def test_the_markdown_fits_a_job_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    reports.write(_settings(tmp_path), _ledger(), FACTS)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Contract coverage: things")  # appended, not replaced
    assert "| Operation | 200 | 201 | 403 | 404 | 409 | 429 | 500 | 502 |" in text
    assert "| getThing | ✅ |  |  | ✅ |  | 🟡 | ⚪ |  |" in text
    assert "| putThing |  | ✅ | ❌ |  | · |  |  | 🟡⚠ |" in text
    assert "**putThing 403** [status] expected 403, got 200" in text
    assert SECRET not in text


def test_baseline_changes_name_worse_better_added_and_removed() -> None:
    before = _doc()
    now = copy.deepcopy(before)
    cells = {(op["operation_id"], c["status"]): c for op in now["operations"] for c in op["cells"]}
    cells[("getThing", 404)]["verdict"] = "observed"  # worse
    cells[("getThing", 500)]["verdict"] = "verified"  # better
    now["operations"].append(
        {"operation_id": "newThing", "method": "GET", "path": "/new", "cells": []}
    )
    before["operations"].append(
        {"operation_id": "oldThing", "method": "GET", "path": "/old", "cells": []}
    )
    changes = baseline.changes(before, now)
    assert changes["worse"] == [
        {"operation": "getThing", "status": 404, "before": "verified", "after": "observed"}
    ]
    assert changes["better"] == [
        {"operation": "getThing", "status": 500, "before": "not_provokable", "after": "verified"}
    ]
    assert changes["operations_added"] == ["newThing"]
    assert changes["operations_removed"] == ["oldThing"]
    assert changes["regression"] is True
    assert baseline.changes(now, now)["regression"] is False


def test_reports_with_a_baseline_carry_the_changes(tmp_path: Path) -> None:
    previous = tmp_path / "previous.json"
    old = _doc()
    old["operations"][0]["cells"][2]["verdict"] = "verified"  # getThing 429 was verified
    previous.write_text(json.dumps(old), encoding="utf-8")
    paths = reports.write(_settings(tmp_path, previous), _ledger(), FACTS)
    texts = {p.suffix: p.read_text(encoding="utf-8") for p in paths}
    doc = json.loads(texts[".json"])
    assert coverage.schema_errors(doc) == []
    assert doc["changes"]["worse"] == [
        {"operation": "getThing", "status": 429, "before": "verified", "after": "observed"}
    ]
    assert "Worse (1): getThing 429 (verified → observed)" in texts[".md"]
    assert "Changed since the baseline" in texts[".html"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a readable JSON file"),
        ('{"format": "other"}', "not a contract-coverage report"),
        ('{"format": "backbeat-contract-coverage", "version": 9}', "report version 9"),
    ],
)
def test_a_baseline_that_is_no_report_is_refused_clearly(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "old.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        coverage.load(path)


# The matrix's cell colours, as the screenshot must show them (reports.COLOURS).
def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


CELL_PIXELS = 92 * 38 // 2  # at least half of one cell's area


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_real_browser_renders_the_matrix(tmp_path: Path) -> None:
    # No skip: on CI a missing Chromium fails this test (the Makefile installs it).
    assert browser.chromium(), (
        "chromium is not installed: run `make test` (it installs it) or apt-get install chromium"
    )
    page = next(
        p for p in reports.write(_settings(tmp_path), _ledger(), FACTS) if p.suffix == ".html"
    )
    dom = browser.dom(page)
    assert dom.count('class="cell v-') == 8
    shot = browser.screenshot(page, tmp_path / "matrix.png", 1000, 700)
    width, height, counts = pixels(shot)
    assert (width, height) == (1000, 700)
    for verdict in ("verified", "observed", "not_provokable", "violated"):
        seen = counts[_rgb(reports.COLOURS[verdict])]
        assert seen >= CELL_PIXELS, (
            f"{verdict} cells do not show: {seen} pixels of {reports.COLOURS[verdict]}"
        )
