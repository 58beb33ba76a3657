"""What the run found, per operation and status: the coverage matrix's data."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field, replace

from backbeat_contract.spec import Status

# Evidence kept per cell: enough to reproduce and read, small enough for a report.
EVIDENCE_PER_CELL = 3


class Verdict(enum.IntEnum):
    # Ordered by strength: a cell shows the strongest verdict it received.
    NOT_PROVOKABLE = 0
    OBSERVED = 1
    VERIFIED = 2
    VIOLATED = 3

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ") + (
            " here" if self is Verdict.NOT_PROVOKABLE else ""
        )

    @property
    def key(self) -> str:
        """The machine name (JSON, CSS classes): `not_provokable`, `verified`, ..."""
        return self.name.lower()


@dataclass(frozen=True)
class Violation:
    operation: str
    status: Status | None
    point: str
    reason: str
    curl: str


@dataclass(frozen=True)
class Exchange:
    """One request the suite sent for a cell, and what came back (already key-free)."""

    what: str
    curl: str
    status: int
    response_headers: tuple[tuple[str, str], ...] = ()
    response_body: str = ""
    problems: tuple[str, ...] = ()


@dataclass
class Cell:
    verdict: Verdict | None = None
    notes: list[str] = field(default_factory=list)
    evidence: list[Exchange] = field(default_factory=list)


@dataclass
class Ledger:
    """Filled by the tests, rendered by `reports`."""

    documented: dict[str, tuple[Status, ...]] = field(default_factory=dict)
    # operationId -> (method, path), for reports.
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    cells: dict[tuple[str, Status], Cell] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    # Semantic check -> "kept", "violated" or "skipped: <reason>".
    checks: dict[str, str] = field(default_factory=dict)
    # Requests sent, by phase: schemathesis' phases, `scenarios`, `semantic`.
    cases: Counter[str] = field(default_factory=Counter)
    # Responses judged against the contract (by the suite or by schemathesis' checks).
    judged: int = 0

    def cell(self, operation: str, status: Status) -> Cell:
        return self.cells.setdefault((operation, status), Cell())

    def mark(self, operation: str, status: Status, verdict: Verdict, note: str = "") -> None:
        cell = self.cell(operation, status)
        if cell.verdict is None or verdict > cell.verdict:
            cell.verdict = verdict
        if note and note not in cell.notes:
            cell.notes.append(note)

    def wants_evidence(self, operation: str, status: Status) -> bool:
        return len(self.cell(operation, status).evidence) < EVIDENCE_PER_CELL

    def witness(self, operation: str, status: Status, exchange: Exchange) -> None:
        if self.wants_evidence(operation, status):
            self.cell(operation, status).evidence.append(exchange)

    def violate(self, violation: Violation) -> None:
        violation = replace(violation, reason=" ".join(violation.reason.split()))
        if violation not in self.violations:
            self.violations.append(violation)
        if violation.status is not None:
            self.mark(violation.operation, violation.status, Verdict.VIOLATED, violation.point)

    def note(self, fact: str) -> None:
        if fact not in self.facts:
            self.facts.append(fact)

    def verdict(self, operation: str, status: Status) -> Verdict | None:
        cell = self.cells.get((operation, status))
        return cell.verdict if cell else None
