"""A targeted scenario for every operation x documented status."""

from __future__ import annotations

import pytest
import requests

from backbeat_contract import meters, scenarios
from backbeat_contract.harness import Harness
from backbeat_contract.ledger import Verdict
from backbeat_contract.spec import WELL_KNOWN_METERS, Operation, Status

# A 429 burst sends at most this many calls; larger limits are not burst.
MAX_BURST = 30


def test_status(harness: Harness, operation_status: tuple[Operation, Status]) -> None:
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


def _run_scenario(harness: Harness, operation: Operation, status: Status) -> None:
    plan = scenarios.plan(harness, operation, status)
    if isinstance(plan, scenarios.Plan) and plan.burst:
        try:
            _burst(harness, plan.steps[0], plan.limit)
            return
        except NotBurstable as reason:
            assert isinstance(status, int)
            plan = scenarios.forced(harness, operation, status, str(reason))
    if isinstance(plan, str):
        pytest.skip(plan)
    for step in plan.steps:
        for _ in range(step.times - 1):
            harness.send(step.call)
        harness.expect(
            step.call,
            status,
            plan.verdict,
            step.what,
            heuristic=step.heuristic,
            success_unproven=step.success_unproven,
            any_success=step.any_success,
        )


def _meter(h: Harness, response: requests.Response, meter: str) -> int | None:
    """The `limit` or `remaining` meter a response announces: the spec's header, else a
    well-known one, else the IETF RateLimit fields."""
    names = (h.spec.meter_headers.get(meter), *WELL_KNOWN_METERS[meter])
    return meters.read(response.headers, meter, names)


def _burst(h: Harness, step: scenarios.Step, documented: int | None) -> None:
    """Repeat the call until a 429, at most one call past the documented or announced limit.
    A window that rolls over mid-burst (what is left goes up again) starts the count again,
    once."""
    call = step.call
    budget = documented + 1 if documented is not None else MAX_BURST
    response: requests.Response | None = None
    sent = counted = 0
    restarted = False
    left: int | None = None
    while counted < budget:
        response = h.send(call)
        sent += 1
        counted += 1
        if response.status_code == 429:
            break
        announced = _meter(h, response, "limit")
        if announced is not None and announced + 1 > MAX_BURST:
            raise NotBurstable(f"the announced limit of {announced} is too high to burst")
        if announced is not None:
            budget = min(budget, announced + 1)
        elif documented is None:
            raise NotBurstable("no rate limit is announced or documented for this operation")
        now_left = _meter(h, response, "remaining")
        if left is not None and now_left is not None and now_left > left and not restarted:
            restarted, counted = True, 1
        left = now_left
    assert response is not None
    if response.status_code != 429 and step.heuristic:
        # Only the server's own announcement said where the limit is: no proof it counts the
        # way this burst did (a static header, another window, another key).
        raise NotBurstable(
            f"{sent} calls past the announced limit drew no 429 (the last answered "
            f"{response.status_code}): the announcement is no documented promise"
        )
    if response.status_code != 429 and documented is not None:
        h.violate(
            call,
            429,
            "plan-limit",
            f"{step.what}: {sent} calls, one past the plan's documented limit of "
            f"{documented}, and no 429 (the last answered {response.status_code})",
        )
        return
    h.judge(call, response, 429, Verdict.VERIFIED, f"{step.what} ({sent} calls)")
