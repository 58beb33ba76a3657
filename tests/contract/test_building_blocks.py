"""Spec facts, request building and key redaction, without a server."""

from __future__ import annotations

import pytest
from backbeat_contract.calls import curl, invalid_tweak, missing_field_tweak, valid_call
from backbeat_contract.keys import Keys
from backbeat_contract.profiles import PROFILES
from backbeat_contract.spec import Spec

from tests.contract.suite_runs import REPO as REPO_ROOT


@pytest.fixture(scope="module")
def trackyard() -> Spec:
    return Spec.load(REPO_ROOT / "openapi.yaml")


def test_statuses_and_costs_come_from_the_spec(trackyard: Spec) -> None:
    download = trackyard.operation("downloadTrack")
    assert download.statuses == (200, 400, 401, 402, 403, 404, 429, 500)
    assert download.credit_cost == 1
    assert trackyard.operation("getMe").credit_cost == 0
    assert download.media_types(200) == ("audio/mpeg",)
    assert {h.name for h in download.headers(200) if h.required} >= {"Content-Disposition"}
    assert trackyard.security.value("k") == "Bearer k"


def test_every_profile_names_real_operations() -> None:
    for profile in PROFILES.values():
        spec_path = REPO_ROOT / profile.spec_file
        if not spec_path.exists():
            continue
        ids = {op.operation_id for op in Spec.load(spec_path).operations}
        named = {op for op, _ in profile.triggers} | set(profile.burst_limits)
        named |= set(profile.prerequisites)
        assert named <= ids, named - ids


def test_invalid_requests_break_a_documented_bound(trackyard: Spec) -> None:
    assert invalid_tweak(trackyard.operation("listUsage")) == {"query": {"limit": 101}}
    assert invalid_tweak(trackyard.operation("search")) == {"json": {"limit": 101}}
    assert missing_field_tweak(trackyard.operation("search")) == {"drop": {"query": None}}
    assert invalid_tweak(trackyard.operation("getMe")) is None


def test_a_valid_call_uses_the_first_example(trackyard: Spec) -> None:
    call = valid_call(trackyard.operation("downloadTrack"), "secret-key")
    assert call.body == {"track_id": "trk_abc123"}
    assert call.tweaked({"drop": {"track_id": None}}).body == {}


def test_reproducers_and_reports_never_show_a_given_key(trackyard: Spec) -> None:
    keys = Keys({"main": "sk-live-123456", "exhausted": "sk-empty-654321"}, magic=None)
    call = valid_call(trackyard.operation("search"), "sk-live-123456")
    reproducer = curl("https://api.example", call, keys.shown("sk-live-123456"))
    assert "sk-live-123456" not in reproducer
    assert '"Authorization: Bearer $API_KEY"' in reproducer
    assert keys.redact("a sk-empty-654321 b") == "a $EXHAUSTED_KEY b"
    assert "sk-" not in repr(keys)


def test_sandbox_keys_are_fresh_accounts_per_call() -> None:
    keys = Keys({}, magic=PROFILES["trackyard"].sandbox.keys)
    first, second = keys.get("scenario"), keys.get("scenario")
    assert first != second
    assert first.startswith("ty_test_starter_")
