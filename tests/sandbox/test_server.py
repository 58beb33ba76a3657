"""The real server: ``python -m backbeat_sandbox`` under uvicorn, started and stopped by PID."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest
from backbeat_pytest import start_sandbox

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]

TRACKYARD = "/api/external/v1"


async def _burst(url: str, key: str, calls: int) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=calls)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        requests = [
            client.post(TRACKYARD + "/search", json={"query": "piano", "limit": 1},
                        headers={"Authorization": f"Bearer {key}"})
            for _ in range(calls)
        ]  # fmt: skip
        return await asyncio.gather(*requests)


def test_concurrent_paid_calls_never_double_spend(sandbox_url: str) -> None:
    key = "ty_test_burst_concurrency"
    responses = asyncio.run(_burst(sandbox_url, key, 200))
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == 50
    assert statuses.count(402) == 150
    balances = [int(r.headers["X-Credits-Remaining"]) for r in responses]
    assert min(balances) == 0
    assert sorted(
        int(r.json()["credits_remaining"]) for r in responses if r.status_code == 200
    ) == (list(range(50)))
    me = httpx.get(f"{sandbox_url}{TRACKYARD}/me", headers={"Authorization": f"Bearer {key}"})
    assert me.json()["credits_remaining"] == 0
    usage = httpx.get(f"{sandbox_url}{TRACKYARD}/usage", params={"limit": 100},
                      headers={"Authorization": f"Bearer {key}"}).json()  # fmt: skip
    assert usage["total_count"] == 201
    charged = sum(record["credits_consumed"] for record in usage["usage"])
    assert charged <= 50


def test_fixture_server_serves_both_apis_and_reset(sandbox_url: str) -> None:
    assert httpx.get(f"{sandbox_url}/_sandbox/health").json() == {"status": "ok"}
    trackyard = httpx.get(f"{sandbox_url}{TRACKYARD}/me",
                          headers={"Authorization": "Bearer ty_test_free_srv"})  # fmt: skip
    assert trackyard.status_code == 200
    musicgpt = httpx.get(f"{sandbox_url}/api/public/v1/getAllVoices",
                         headers={"Authorization": "mg_test_free"})  # fmt: skip
    assert musicgpt.json()["success"] is True
    assert httpx.post(f"{sandbox_url}/_sandbox/reset").status_code == 200


def test_default_run_hides_reset_and_stops_on_sigterm() -> None:
    started = start_sandbox()
    url = started.sandbox.url
    try:
        assert httpx.post(f"{url}/_sandbox/reset").status_code == 404
        assert httpx.get(f"{url}/_sandbox/health").status_code == 200
    finally:
        started.stop()
    assert started.process.poll() is not None  # uvicorn exits after a graceful shutdown on SIGTERM


def test_cli_defaults_and_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backbeat_sandbox", "--help"],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    assert "--enable-reset" in result.stdout
    assert "127.0.0.1" in result.stdout
    assert "8765" in result.stdout
