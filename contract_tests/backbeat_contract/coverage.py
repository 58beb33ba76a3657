"""The coverage report as data: `contract-coverage.json`, versioned, with a JSON Schema
(`contract-coverage.schema.json`, next to this module). Markdown and HTML render this document,
and `--baseline` compares two of them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from backbeat_contract.ledger import Cell, Exchange, Ledger
from backbeat_contract.spec import Status

FORMAT = "backbeat-contract-coverage"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("contract-coverage.schema.json")
VERDICTS = ("verified", "observed", "not_provokable", "violated", "not_run")

Document = dict[str, Any]


@dataclass(frozen=True)
class RunFacts:
    api: str
    spec: str
    target: str
    profile: str
    seed: int
    started_at: str
    wall_seconds: float
    credits_spent: int
    prefer_honoured: bool | None


def document(facts: RunFacts, ledger: Ledger) -> Document:
    operations = [_operation(ledger, op, statuses) for op, statuses in ledger.documented.items()]
    summary = dict.fromkeys(VERDICTS, 0)
    for operation in operations:
        for cell in operation["cells"]:
            if cell["documented"]:
                summary[cell["verdict"]] += 1
    return {
        "format": FORMAT,
        "version": VERSION,
        "run": {
            "api": facts.api,
            "spec": facts.spec,
            "target": facts.target,
            "profile": facts.profile,
            "seed": facts.seed,
            "started_at": facts.started_at,
            "wall_seconds": round(facts.wall_seconds, 2),
            "cases_per_phase": dict(sorted(ledger.cases.items())),
            "checks_run": ledger.judged,
            "credits_spent": facts.credits_spent,
            "prefer_honoured": facts.prefer_honoured,
        },
        "summary": summary,
        "operations": operations,
        "violations": [
            {
                "operation": v.operation,
                "status": v.status,
                "rule": v.point,
                "reason": v.reason,
                "curl": v.curl,
            }
            for v in ledger.violations
        ],
        "checks": [{"name": name, "outcome": outcome} for name, outcome in ledger.checks.items()],
        "facts": list(ledger.facts),
    }


def _operation(ledger: Ledger, operation: str, statuses: tuple[Status, ...]) -> Document:
    method, path = ledger.labels.get(operation, ("", ""))
    extra = sorted(
        s
        for (op, s) in ledger.cells
        if op == operation and s not in statuses and isinstance(s, int)
    )
    return {
        "operation_id": operation,
        "method": method,
        "path": path,
        "cells": [
            _cell(status, status in statuses, ledger.cells.get((operation, status)))
            for status in (*statuses, *extra)
        ],
    }


def _cell(status: Status, documented: bool, cell: Cell | None) -> Document:
    verdict = cell.verdict.key if cell and cell.verdict is not None else "not_run"
    return {
        "status": status,
        "documented": documented,
        "verdict": verdict,
        "reasons": list(cell.notes) if cell else [],
        "evidence": [_exchange(x) for x in cell.evidence] if cell else [],
    }


def _exchange(exchange: Exchange) -> Document:
    return {
        "what": exchange.what,
        "curl": exchange.curl,
        "status": exchange.status,
        "response_headers": dict(exchange.response_headers),
        "response_body": exchange.response_body,
        "problems": list(exchange.problems),
    }


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_errors(doc: Any) -> list[str]:
    """Where `doc` breaks the published schema (empty when it is a valid report)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in _validator().iter_errors(doc)
    ]


def load(path: Path) -> Document:
    """A report written by this or an earlier run; a clear error for anything else."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path}: not a contract-coverage report (no format {FORMAT!r})")
    if doc.get("version") != VERSION:
        raise ValueError(f"{path}: report version {doc.get('version')!r}, expected {VERSION}")
    errors = schema_errors(doc)
    if errors:
        raise ValueError(f"{path}: does not match the report schema: {errors[0]}")
    return doc


def verdicts(doc: Document) -> dict[tuple[str, Status], str]:
    """(operationId, status) -> verdict, for comparisons."""
    return {
        (op["operation_id"], cell["status"]): cell["verdict"]
        for op in doc["operations"]
        for cell in op["cells"]
    }
