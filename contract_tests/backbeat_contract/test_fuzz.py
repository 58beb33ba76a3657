"""Property-based testing, positive and negative, with every schemathesis check: the examples,
coverage and fuzzing phases as `schemathesis run` executes them."""

from __future__ import annotations

from backbeat_contract import fuzzing
from backbeat_contract.harness import Harness


def test_fuzz(harness: Harness) -> None:
    fuzzing.run_engine(harness)


def test_fuzzing_found_nothing(harness: Harness) -> None:
    """Fuzzing records each distinct failure and goes on through its budget; this test fails,
    in JUnit too, when it recorded any (each one is in the reports with a reproducer)."""
    found = [v for v in harness.ledger.violations if v.point.startswith("schemathesis:")]
    assert not found, "; ".join(f"{v.operation} {v.status} [{v.point}]" for v in found)
