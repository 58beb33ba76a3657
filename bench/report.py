"""Figures and sections, the console table, and `bench/results.md`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .stats import Spread

__all__ = ["Figure", "Section", "Target", "console_table", "markdown"]

# How many decimals each unit is shown with.
DECIMALS = {"ms": 3, "x": 3, "req/s": 0, "calls/s": 0, "s": 2, "%": 1}


@dataclass(frozen=True)
class Target:
    """The issue's bound for a figure: `at_most` (lower is better) or at least `bound`."""

    bound: float
    at_most: bool

    def met(self, value: float) -> bool:
        return value <= self.bound if self.at_most else value >= self.bound

    def __str__(self) -> str:
        return f"{'<=' if self.at_most else '>='} {self.bound:g}"


@dataclass(frozen=True)
class Figure:
    """One reported number: its spread over runs, and the issue's target when it has one.

    The median is what is judged against the target.
    """

    name: str
    spread: Spread
    unit: str
    target: Target | None = None

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.spread.median)

    def formatted(self, value: float) -> str:
        return f"{value:.{DECIMALS.get(self.unit, 3)}f}"


@dataclass
class Section:
    """One benchmark: what it measured, how, and what it found.

    `checks` are correctness checks made along the way (a failed one fails the run);
    `findings` holds the profile and notes written when a target is missed.
    """

    title: str
    method: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    findings: str = ""

    @property
    def missed(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.met is False]

    @property
    def failed_checks(self) -> list[str]:
        return [text for text, passed in self.checks if not passed]


def console_table(sections: Sequence[Section]) -> str:
    header = ("figure", "median", "min", "max", "runs", "unit", "target", "")
    rows: list[tuple[str, ...]] = [header]
    for section in sections:
        rows += [_row(figure) for figure in section.figures]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def markdown(sections: Sequence[Section], preamble: str) -> str:
    parts = [preamble.rstrip(), "", "## Summary", "", _markdown_table(sections)]
    for section in sections:
        parts += ["", f"## {section.title}", "", section.method.strip(), ""]
        parts.append(_markdown_table([section]))
        if section.notes:
            parts += ["", *(f"- {note}" for note in section.notes)]
        if section.checks:
            parts += ["", "Checks:", ""]
            parts += [f"- {'PASS' if ok else 'FAIL'}: {text}" for text, ok in section.checks]
        if section.findings:
            parts += ["", section.findings.strip()]
    return "\n".join(parts) + "\n"


def _row(figure: Figure) -> tuple[str, ...]:
    spread = figure.spread
    verdict = {None: "", True: "met", False: "MISSED"}[figure.met]
    return (
        figure.name,
        figure.formatted(spread.median),
        figure.formatted(spread.min),
        figure.formatted(spread.max),
        str(spread.runs),
        figure.unit,
        str(figure.target or ""),
        verdict,
    )


def _markdown_table(sections: Sequence[Section]) -> str:
    header = "| figure | median | min | max | runs | unit | target | |"
    lines = [header, "|---|---:|---:|---:|---:|---|---|---|"]
    for section in sections:
        lines += ["| " + " | ".join(_row(figure)) + " |" for figure in section.figures]
    return "\n".join(lines)
