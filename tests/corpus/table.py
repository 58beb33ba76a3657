"""The corpus table of docs/corpus.md: each superset test records its two runs under
reports/corpus/, and `python -m tests.corpus.table` renders them as Markdown."""

from __future__ import annotations

import json
import sys
from typing import Any

from tests.corpus.runner import Outcome, false_failures
from tests.corpus.targets import REPO, Target

RESULTS = REPO / "reports" / "corpus"
VERDICTS = ("verified", "observed", "not_provokable", "violated", "not_run")


def record(target: Target, suite: Outcome, alone: Outcome, missed: set[tuple[str, str]]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = suite.report or {}
    row = {
        "target": target.name,
        "package": target.package,
        "suite": {
            "exit": suite.returncode,
            "failures": len(suite.failures()),
            "wall_seconds": round(suite.wall_seconds, 1),
            "summary": report.get("summary", {}),
            "run_error": report.get("run_error"),
            "false_failures": len(false_failures(target, suite)),
        },
        "schemathesis": {
            "exit": alone.returncode,
            "failures": len(alone.failures()),
            "wall_seconds": round(alone.wall_seconds, 1),
        },
        "missed": sorted(f"{operation} / {check}" for operation, check in missed),
    }
    path = RESULTS / f"{target.name}.json"
    path.write_text(json.dumps(row, indent=1) + "\n", encoding="utf-8")


def render(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| target | package | suite: failures (false) | suite: wall | schemathesis alone: "
        "failures | schemathesis alone: wall | missed by the suite | verdict counts "
        "(verified/observed/not provokable/violated/not run) | run error |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        suite, alone = row["suite"], row["schemathesis"]
        counts = "/".join(str(suite["summary"].get(v, "?")) for v in VERDICTS)
        error = suite["run_error"]
        lines.append(
            f"| {row['target']} | `{row['package']}` | {suite['failures']} "
            f"({suite['false_failures']}) | {suite['wall_seconds']} s | {alone['failures']} | "
            f"{alone['wall_seconds']} s | {len(row['missed'])} | {counts} | "
            f"{'yes, ' + str(error['unjudged_cells']) + ' unjudged' if error else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    rows = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))]
    sys.stdout.write(render(rows))


if __name__ == "__main__":
    main()
