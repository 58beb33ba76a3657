"""backbeat's pytest plugin, used the way a user's suite uses it (pytester sessions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from backbeat_pytest import SandboxStartError, running_sandbox, start_sandbox
from backbeat_pytest import plugin as backbeat_plugin

pytestmark = pytest.mark.slow

USER_TESTS = """
from pathlib import Path

import pytest


def test_both_apis_on_a_fresh_pro_account(backbeat_sandbox, backbeat_trackyard, backbeat_musicgpt):
    Path("sandbox-url.txt").write_text(backbeat_sandbox.url)
    assert backbeat_trackyard.base_url == backbeat_sandbox.url + "/api/external/v1"
    assert backbeat_trackyard.search("piano", limit=1).tracks
    assert backbeat_musicgpt.list_voices(limit=1).voices


def test_the_next_test_starts_fresh(backbeat_trackyard):
    assert backbeat_trackyard.me().credits_remaining == 50_000


@pytest.mark.backbeat_tier("free")
def test_tier_for_both_apis(backbeat_account, backbeat_trackyard):
    assert backbeat_account.trackyard_key.startswith("ty_test_free_")
    assert backbeat_account.musicgpt_key.startswith("mg_test_free_")
    assert backbeat_trackyard.me().tier == "free"


@pytest.mark.backbeat_tier(trackyard="starter", musicgpt="plus")
def test_tier_per_api(backbeat_account):
    assert backbeat_account.trackyard_key.startswith("ty_test_starter_")
    assert backbeat_account.musicgpt_key.startswith("mg_test_plus_")


def test_factory_makes_independent_accounts(backbeat_account_factory):
    first, second = backbeat_account_factory("free"), backbeat_account_factory("free")
    assert first.trackyard_key != second.trackyard_key


@pytest.mark.backbeat_tier("starter")
def test_a_tier_the_api_lacks(backbeat_musicgpt):
    pass


@pytest.mark.backbeat_tier("platinum")
def test_a_tier_no_api_has(backbeat_account):
    pass
"""


def test_fixtures_markers_and_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest("--strict-markers", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*the MusicGPT sandbox has no tier 'starter'*backbeat_tier(musicgpt=...)*",
            "*@pytest.mark.backbeat_tier: no sandbox tier 'platinum'*",
        ]
    )
    url = (pytester.path / "sandbox-url.txt").read_text()
    with pytest.raises(httpx.ConnectError):  # stopped by PID at the end of the session
        httpx.get(url + "/_sandbox/health", timeout=2)


def test_one_sandbox_per_xdist_worker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_workers="""
import os
from pathlib import Path

import pytest

@pytest.mark.parametrize("n", range(4))
def test_url(backbeat_sandbox, n):
    worker = os.environ["PYTEST_XDIST_WORKER"]
    with Path(f"urls-{worker}.txt").open("a") as urls:
        urls.write(backbeat_sandbox.url + "\\n")
"""
    )
    # --dist each: every worker runs every test, so both start their sandbox for certain.
    result = pytester.runpytest_subprocess("-n", "2", "--dist", "each", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=8)
    per_worker = [set(p.read_text().split()) for p in pytester.path.glob("urls-*.txt")]
    assert len(per_worker) == 2
    assert all(len(urls) == 1 for urls in per_worker)  # one sandbox per worker, reused
    assert per_worker[0] != per_worker[1]


def test_an_already_running_sandbox_can_be_used(
    pytester: pytest.Pytester, sandbox_url: str
) -> None:
    pytester.makepyfile(
        test_given=f"""
def test_given(backbeat_sandbox, backbeat_trackyard):
    assert backbeat_sandbox.url == {sandbox_url!r}
    assert backbeat_trackyard.me().tier == "pro"
"""
    )
    pytester.runpytest("--backbeat-sandbox-url", sandbox_url + "/").assert_outcomes(passed=1)
    refused = pytester.runpytest("--backbeat-sandbox-url", "http://127.0.0.1:1")
    refused.assert_outcomes(errors=1)
    refused.stdout.fnmatch_lines(["*no backbeat sandbox answers at http://127.0.0.1:1*"])


def test_ini_flags_reach_the_session_sandbox(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nbackbeat_sandbox_args = --api trackyard\n")
    pytester.makepyfile(
        test_one_api="""
import httpx

def test_only_trackyard(backbeat_sandbox, backbeat_trackyard):
    assert backbeat_trackyard.me().tier == "pro"
    assert httpx.get(backbeat_sandbox.musicgpt_url + "/v1/getAllVoices").status_code == 404
"""
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_a_missing_sandbox_extra_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backbeat_plugin, "SANDBOX_MODULES", ("uvicorn", "not_installed_module"))
    with pytest.raises(
        pytest.fail.Exception, match=r'not_installed_module\): pip install "backbeat\[sandbox\]"'
    ):
        backbeat_plugin._require_sandbox_extra()


def test_loading_the_plugin_imports_neither_the_sandbox_nor_its_server() -> None:
    # Only the sandbox's launcher (standard library only) may come along.
    code = (
        "import sys, backbeat_pytest.plugin; "
        "allowed = {'backbeat_sandbox', 'backbeat_sandbox.launcher'}; "
        "loaded = {m for m in sys.modules if m.split('.')[0] in "
        "('backbeat_sandbox', 'uvicorn', 'starlette', 'backbeat_contract')} - allowed; "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_launcher_stops_by_pid_and_reports_a_failed_start(tmp_path: Path) -> None:
    with running_sandbox() as sandbox:
        assert sandbox.healthy()
    assert not sandbox.healthy()
    with pytest.raises(SandboxStartError, match=r"openapi\.yaml: no such file"):
        start_sandbox(["--spec-dir", str(tmp_path)])
