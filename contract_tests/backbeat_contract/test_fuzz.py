"""Property-based fuzzing, positive and negative, with every schemathesis check."""

from __future__ import annotations

from typing import Any

from backbeat_contract import fuzzing, runtime
from backbeat_contract.harness import Harness

schema = fuzzing.load_schema(runtime.current())


@schema.parametrize()
def test_fuzz(case: Any, harness: Harness) -> None:
    fuzzing.exercise(harness, case)


def test_fuzzing_found_nothing(harness: Harness) -> None:
    """Fuzzing records each distinct failure and goes on through its budget; this test fails,
    in JUnit too, when it recorded any (each one is in the reports with a reproducer)."""
    found = [v for v in harness.ledger.violations if v.point.startswith("schemathesis:")]
    assert not found, "; ".join(f"{v.operation} {v.status} [{v.point}]" for v in found)
