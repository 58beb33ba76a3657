"""The configured run, for test modules that need it while pytest imports them (schemathesis
builds its parametrized tests at import time, before fixtures exist)."""

from __future__ import annotations

from backbeat_contract.harness import Harness

_current: list[Harness] = []


def install(harness: Harness) -> None:
    _current[:] = [harness]


def current() -> Harness:
    if not _current:
        raise RuntimeError(
            "the contract suite is not configured: run `pytest contract_tests/backbeat_contract`"
        )
    return _current[0]
