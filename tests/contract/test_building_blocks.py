"""Spec facts, request building and key redaction, without a server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from backbeat_contract.calls import curl, invalid_tweak, missing_field_tweak
from backbeat_contract.keys import Keys
from backbeat_contract.profiles import PROFILES
from backbeat_contract.spec import Spec, SpecError
from backbeat_contract.valid import Builder

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
    (scheme,) = trackyard.operation("getMe").security[0].schemes
    assert scheme.value("k") == "Bearer k"


def test_sandbox_magic_keys_cover_the_specs_key_roles() -> None:
    for api in PROFILES.values():
        roles = set(Spec.load(REPO_ROOT / api.spec_file).key_roles)
        assert roles <= set(api.sandbox.keys), roles - set(api.sandbox.keys)


def test_provocations_come_from_the_spec(trackyard: Spec) -> None:
    download = trackyard.operation("downloadTrack")
    assert [p.key for p in download.provocations(403) or ()] == ["forbidden"]
    assert download.provocations(404)[0].request == {"body": {"track_id": "trk_missing"}}  # type: ignore[index]
    # Shared responses carry their own x-provoke.
    assert [p.key for p in trackyard.operation("getMe").provocations(401) or ()] == [
        "none",
        "unknown",
        "revoked",
    ]
    assert trackyard.operation("getMe").provocations(500) is None
    assert trackyard.meter_headers["credits"] == "X-Credits-Remaining"


def test_invalid_requests_break_a_documented_bound(trackyard: Spec) -> None:
    assert invalid_tweak(trackyard.operation("listUsage")) == {"query": {"limit": 101}}
    assert invalid_tweak(trackyard.operation("search")) == {"body": {"limit": 101}}
    assert missing_field_tweak(trackyard.operation("search")) == {"omit": ["query"]}
    assert invalid_tweak(trackyard.operation("getMe")) is None


def test_a_valid_call_uses_the_first_example(trackyard: Spec) -> None:
    call = Builder(trackyard).calls(trackyard.operation("downloadTrack"), "secret-key")[0]
    assert call.body == {"track_id": "trk_abc123"}
    assert call.tweaked({"omit": ["track_id"]}).body == {}


def test_reproducers_and_reports_never_show_a_given_key(trackyard: Spec) -> None:
    keys = Keys({"main": "sk-live-123456", "exhausted": "sk-empty-654321"}, magic=None)
    call = Builder(trackyard).calls(trackyard.operation("search"), "sk-live-123456")[0]
    reproducer = curl("https://api.example", call, keys.shown_all())
    assert "sk-live-123456" not in reproducer
    assert '"Authorization: Bearer $API_KEY"' in reproducer
    assert keys.redact("a sk-empty-654321 b") == "a $EXHAUSTED_KEY b"
    assert "sk-" not in repr(keys)


def test_sandbox_keys_are_fresh_accounts_per_call() -> None:
    keys = Keys({}, magic=PROFILES["trackyard"].sandbox.keys)
    first, second = keys.get("scenario"), keys.get("scenario")
    assert first != second
    assert first.startswith("ty_test_starter_")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{unclosed", "is not valid YAML"),
        ("swagger: '2.0'\n", "is Swagger 2.0, not OpenAPI 3.x"),
        ("openapi: 3.1.0\npaths: {}\n", "documents no operations"),
        (
            "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      operationId: a\n"
            "      x-provoke: {'404': {times: 0}}\n      responses: {'404': {description: x}}\n",
            "a x-provoke 404: times must be an integer from 1 to 10, got 0",
        ),
        (
            "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      operationId: a\n"
            "      responses: {'401': {description: x, x-provoke: {kee: none}}}\n",
            "a response 401 x-provoke: x-provoke takes key, request, times and burst",
        ),
        (
            "openapi: 3.1.0\nx-key-roles: {none: {}}\n"
            "paths: {/a: {get: {operationId: a, responses: {'200': {description: x}}}}}\n",
            "'none' is reserved",
        ),
    ],
)
def test_a_spec_that_cannot_drive_a_run_is_refused_with_the_place_named(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "api.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError, match=re.escape(message)):
        Spec.load(path)


def test_a_missing_spec_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"nope\.yaml: no such file"):
        Spec.load(tmp_path / "nope.yaml")
