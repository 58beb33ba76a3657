"""Property-based fuzzing, positive and negative, with every schemathesis check."""

from __future__ import annotations

from typing import Any

from backbeat_contract import fuzzing, runtime
from backbeat_contract.harness import Harness

schema = fuzzing.load_schema(runtime.current())


@schema.parametrize()
def test_fuzz(case: Any, harness: Harness) -> None:
    fuzzing.exercise(harness, case)
