"""The live profile keeps to its credit budget, as the server's own /me and /usage tell."""

from __future__ import annotations

import secrets
from pathlib import Path

import httpx
import pytest

from tests.contract.suite_runs import FAST, run_suite

BASE = "/api/external/v1"


def _balance(root: str, key: str) -> int:
    me = httpx.get(f"{root}{BASE}/me", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    return int(me.json()["credits_remaining"])


def _paid_successes(root: str, key: str) -> int:
    usage = httpx.get(
        f"{root}{BASE}/usage", params={"limit": 100}, headers={"Authorization": f"Bearer {key}"}
    ).json()["usage"]
    paid = ("/search", "/download-track")
    return sum(1 for r in usage if r["endpoint"] in paid and 200 <= r["status_code"] < 300)


@pytest.mark.slow
@pytest.mark.parametrize("budget", [0, 3])
def test_live_spends_at_most_the_budget(budget: int, sandbox_url: str, tmp_path: Path) -> None:
    # A key whose limits do not bite: the live profile paces to the announced limit.
    key = f"ty_test_load_{secrets.token_hex(6)}"
    before = _balance(sandbox_url, key)
    args = ["--base-url", sandbox_url + BASE, "--api-key", key, "--profile", "live"]
    run = run_suite([*args, "--credit-budget", str(budget), *FAST], tmp_path)
    assert run.returncode in (0, 1), run.output[-3000:]
    spent = before - _balance(sandbox_url, key)
    assert spent <= budget
    assert _paid_successes(sandbox_url, key) <= budget
    if budget:
        assert spent > 0, "the run never reached a paid operation"
    assert f"credit budget of {budget} spent" in run.output
    assert key not in run.all_text()
