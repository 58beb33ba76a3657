"""`--baseline PREVIOUS.json`: what changed since an earlier run, cell by cell.

A cell is worse when its verdict dropped in `RANK` (verified > observed > not provokable or
not run > violated), better when it rose. Operations are matched by operationId.
"""

from __future__ import annotations

from typing import Any

from backbeat_contract.coverage import Document, verdicts

RANK = {"verified": 3, "observed": 2, "not_provokable": 1, "not_run": 1, "violated": 0}


def changes(before: Document, now: Document) -> Document:
    old, new = verdicts(before), verdicts(now)
    worse: list[dict[str, Any]] = []
    better: list[dict[str, Any]] = []
    for cell in (cell for cell in new if cell in old):
        step = RANK[new[cell]] - RANK[old[cell]]
        if step:
            change = {
                "operation": cell[0],
                "status": cell[1],
                "before": old[cell],
                "after": new[cell],
            }
            (worse if step < 0 else better).append(change)
    old_ops = [op["operation_id"] for op in before["operations"]]
    new_ops = [op["operation_id"] for op in now["operations"]]
    run = before["run"]
    return {
        "baseline": f"{run['api']} at {run['target']}, {run['started_at']}",
        "worse": worse,
        "better": better,
        "operations_added": [op for op in new_ops if op not in old_ops],
        "operations_removed": [op for op in old_ops if op not in new_ops],
        "regression": bool(worse),
    }
