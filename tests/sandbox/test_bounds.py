"""Documented bounds (docs/sandbox.md, "Bounds"): the request head, accounts, usage logs and
tasks are capped, so whatever a test suite sends, the sandbox's memory stays bounded."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator, Mapping

import pytest
from backbeat_sandbox import create_app
from backbeat_sandbox.accounts import KeyRegistry, Profile, UsageRecord
from backbeat_sandbox.app import SPEC_DIR
from backbeat_sandbox.launcher import Sandbox, running_sandbox
from backbeat_sandbox.limits import (
    DEFAULT_MAX_ACCOUNTS,
    MAX_TASKS_PER_ACCOUNT,
    MAX_USAGE_RECORDS,
)
from backbeat_sandbox.spec import load_spec
from backbeat_sandbox.trackyard import Trackyard
from starlette.testclient import TestClient

from tests.sandbox.conftest import FakeClock, bearer

MIB = 1024 * 1024


def _trackyard_profiles() -> Mapping[str, Profile]:
    """The magic keys' profiles, on the plans of Trackyard's spec."""
    trackyard = Trackyard()
    trackyard.bind(load_spec(SPEC_DIR / trackyard.spec_file))
    return trackyard.profiles


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    with running_sandbox() as sandbox:
        yield sandbox


def _raw_request(sandbox: Sandbox, head: bytes) -> bytes:
    """Send a raw request head; the whole answer (the server closes the connection)."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=30) as connection:
        # refused mid-way: the answer is already waiting to be read
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(head)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and b"Connection: close" not in answer:
                break
        return answer


def _get_with_header(size: int) -> bytes:
    return (
        b"GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
        + (b"a" * size)
        + b"\r\n\r\n"
    )


@pytest.mark.slow
def test_an_8_mib_header_gets_431(served: Sandbox) -> None:
    answer = _raw_request(served, _get_with_header(8 * MIB))
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert served.healthy()


@pytest.mark.slow
def test_a_head_within_the_limit_is_served(served: Sandbox) -> None:
    answer = _raw_request(served, _get_with_header(32 * 1024))
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]


def test_20000_accounts_stay_within_the_documented_cap() -> None:
    registry = KeyRegistry(_trackyard_profiles())
    for n in range(20_000):
        registry.account(f"ty_test_pro_{n}", now=1_000.0 + n)
    assert len(registry) == DEFAULT_MAX_ACCOUNTS
    # the least recently used were forgotten, the newest kept
    newest = registry.account("ty_test_pro_19999", now=30_000.0)
    assert newest.created_at == 1_000.0 + 19_999
    forgotten = registry.account("ty_test_pro_0", now=30_001.0)
    assert forgotten.created_at == 30_001.0


def test_the_cap_is_set_on_the_command_line_and_an_idle_account_expires() -> None:
    clock = FakeClock()
    app = create_app(clock=clock, max_accounts=3)
    with TestClient(app) as client:
        for n in range(5):
            client.get("/api/external/v1/me", headers=bearer(f"ty_test_pro_{n}"))
        (trackyard, _) = app.state.services
        assert len(trackyard.state.registry) == 3
        clock.advance(25 * 3600)
        client.get("/api/external/v1/me", headers=bearer("ty_test_pro_new"))
        assert len(trackyard.state.registry) == 1


def test_the_usage_log_keeps_the_newest_records() -> None:
    registry = KeyRegistry(_trackyard_profiles())
    account = registry.account("ty_test_pro_log", now=0.0)
    for n in range(MAX_USAGE_RECORDS + 50):
        account.record(UsageRecord(float(n), "/me", 200, 0, 1))
    assert len(account.usage) == MAX_USAGE_RECORDS
    assert account.usage[0].timestamp == 50.0


def test_an_account_keeps_at_most_the_documented_number_of_tasks() -> None:
    with TestClient(create_app(clock=FakeClock())) as client:
        key = {"Authorization": "mg_test_load_tasks"}
        first = None
        for n in range(MAX_TASKS_PER_ACCOUNT + 1):
            answer = client.post(
                "/api/public/v1/sound_generator", data={"prompt": f"rain {n}"}, headers=key
            )
            assert answer.status_code == 200, answer.text
            first = first or answer.json()["task_id"]
        listed = client.get("/api/public/v1/byUser", params={"limit": 100}, headers=key).json()
        assert listed["conversions"]
        wanted = {"task_id": first, "conversionType": "SOUND_GENERATOR"}
        gone = client.get("/api/public/v1/byId", headers=key, params=wanted)
        assert gone.status_code == 404
