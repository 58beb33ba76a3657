"""`backbeat-contract`: its options are the suite's settings table, keys come only from the
environment, and the installed command runs the suite against an embedded sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import backbeat
import pytest
from backbeat_contract import __main__ as cli
from backbeat_contract.settings import OPTIONS

KEY = "sk_live_do_not_print_me"


def test_every_suite_option_is_a_command_line_option() -> None:
    help_text = cli.build_parser().format_help()
    for name, (env, _default, _text) in OPTIONS.items():
        flag = f"--{name}-env" if name == "api-key" or name.endswith("-key") else f"--{name}"
        assert f"{flag} " in help_text, flag
        assert f"${env}" in help_text, env
    assert "--api-key " not in help_text  # a key is never a command-line value
    assert "examples:" in help_text


def test_values_become_suite_options_and_keys_travel_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MY_TRACKYARD_KEY", KEY)
    monkeypatch.delenv("CONTRACT_API_KEY", raising=False)
    namespace = cli.build_parser().parse_args(
        ["--api", "musicgpt", "--seed", "7", "--api-key-env", "MY_TRACKYARD_KEY"]
    )
    args = cli._suite_args(vars(namespace))
    assert args == ["--api", "musicgpt", "--seed", "7"]
    assert os.environ["CONTRACT_API_KEY"] == KEY


def _command(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    script = Path(sys.executable).parent / "backbeat-contract"
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_a_key_on_the_command_line_is_refused_without_echoing_it() -> None:
    result = _command("--api-key", KEY)
    assert result.returncode != 0
    assert "--api-key-env NAME" in result.stderr
    assert KEY not in result.stdout + result.stderr


def test_an_unset_key_variable_is_named() -> None:
    result = _command("--base-url", "http://127.0.0.1:1/api", "--api-key-env", "NOT_SET_ANYWHERE")
    assert result.returncode != 0
    assert "$NOT_SET_ANYWHERE is not set" in result.stderr


def test_version_is_the_packages() -> None:
    assert _command("--version").stdout.strip() == f"backbeat-contract {backbeat.__version__}"


@pytest.mark.slow
def test_the_command_runs_against_an_embedded_sandbox(tmp_path: Path) -> None:
    quick = ("--max-examples", "3", "--phases", "examples,fuzzing")
    result = _command("--api", "trackyard", "--report-dir", "out", *quick, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "contract: sandbox at http://127.0.0.1:" in result.stdout
    assert (tmp_path / "out" / "contract-coverage.html").stat().st_size > 0
