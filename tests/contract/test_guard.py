"""The budget guard and the throttle, without a server."""

from __future__ import annotations

import pytest
import requests
from backbeat_contract.guard import BudgetSpent, CreditBudget, QuotaSpent, Throttle


def test_budget_refuses_the_call_that_would_exceed_it() -> None:
    budget = CreditBudget(limit=2)
    budget.admit(1)
    budget.record(1, 200, "k", None)
    budget.admit(1)
    budget.record(1, 200, "k", None)
    with pytest.raises(BudgetSpent, match="credit budget of 2 spent"):
        budget.admit(1)
    budget.admit(0)  # free calls always pass


def test_failed_calls_are_not_counted_but_observed_charges_are() -> None:
    budget = CreditBudget(limit=2)
    budget.record(1, 400, "k", 10)
    assert budget.spent == 0
    budget.record(1, 400, "k", 8)  # the server charged two failures after all
    assert budget.spent == 2
    with pytest.raises(BudgetSpent):
        budget.admit(1)


def test_no_limit_means_no_refusal() -> None:
    budget = CreditBudget(limit=None)
    budget.record(5, 200, "k", None)
    budget.admit(1000)


def _response(status: int, **headers: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers)
    return response


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_throttle_paces_to_the_announced_limit() -> None:
    clock = FakeClock()
    throttle = Throttle("X-RateLimit-Limit", clock=clock, sleep=clock.sleep)
    throttle.wait()
    throttle.learn(_response(200, **{"X-RateLimit-Limit": "6"}))
    throttle.wait()
    assert clock.slept == [10.0]


def test_throttle_waits_retry_after_and_refuses_endless_waits() -> None:
    clock = FakeClock()
    throttle = Throttle("X-RateLimit-Limit", clock=clock, sleep=clock.sleep)
    throttle.learn(_response(429, **{"Retry-After": "7"}))
    assert clock.slept == [7.0]
    with pytest.raises(QuotaSpent):
        throttle.learn(_response(429, **{"Retry-After": "86400"}))
