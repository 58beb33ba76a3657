"""A targeted scenario for every operation x documented status."""

from __future__ import annotations

import pytest
import requests

from backbeat_contract import scenarios
from backbeat_contract.calls import Call
from backbeat_contract.harness import Harness
from backbeat_contract.ledger import Verdict
from backbeat_contract.spec import Operation


def test_status(harness: Harness, operation_status: tuple[Operation, int]) -> None:
    operation, status = operation_status
    try:
        _run_scenario(harness, operation, status)
    except pytest.skip.Exception as skipped:
        harness.ledger.mark(
            operation.operation_id, status, Verdict.NOT_PROVOKABLE, str(skipped.msg)
        )
        raise
    harness.assert_clean(operation, status)


class NotBurstable(Exception):
    """The announced limit is too high to burst past."""


def _run_scenario(harness: Harness, operation: Operation, status: int) -> None:
    plan = scenarios.plan(harness, operation, status)
    if isinstance(plan, scenarios.Plan) and plan.burst:
        try:
            _burst(harness, plan.steps[0][1], plan.steps[0][0])
            return
        except NotBurstable as reason:
            plan = scenarios.forced(harness, operation, status, str(reason))
    if isinstance(plan, str):
        pytest.skip(plan)
    for what, call in plan.steps:
        harness.expect(call, status, plan.verdict, what)


def _burst(h: Harness, call: Call, what: str) -> None:
    """Repeat `call` until a 429, at most one call past the announced per-minute limit."""
    limit_header = h.settings.profile.rate_limit_header
    documented = h.settings.profile.burst_limits.get(call.operation.operation_id)
    budget = documented + 1 if documented is not None else h.settings.profile.max_burst
    response: requests.Response | None = None
    sent = 0
    while sent < budget:
        response = h.send(call)
        sent += 1
        if response.status_code == 429:
            break
        announced = response.headers.get(limit_header or "", "")
        if announced.isdigit() and int(announced) + 1 > h.settings.profile.max_burst:
            raise NotBurstable(f"the announced limit of {announced}/min is too high to burst")
        if announced.isdigit():
            budget = min(budget, int(announced) + 1)
    assert response is not None
    h.judge(call, response, 429, Verdict.VERIFIED, f"{what} ({sent} calls)")
