"""`backbeat-sandbox` as a command: a missing or broken spec is refused in one line, `--api`
serves one API on purpose, `--version` reports the one version."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import backbeat
import httpx
import pytest
from backbeat_pytest import start_sandbox
from backbeat_specs import spec_path

pytestmark = pytest.mark.slow


def _sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "backbeat_sandbox", "--port", "1", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_empty_folder_is_refused_naming_the_file_and_the_fix(tmp_path: Path) -> None:
    line = _one_line_refusal(_sandbox("--spec-dir", str(tmp_path)))
    assert line.startswith("backbeat-sandbox: ")
    assert f"{tmp_path / 'openapi.yaml'}: no such file" in line
    assert "Fix: pass --spec-dir DIR" in line
    assert "--api musicgpt" in line


def test_broken_yaml_is_refused_with_its_position(tmp_path: Path) -> None:
    (tmp_path / "openapi.yaml").write_text("openapi: 3.1.0\npaths: [\n  - a: b\n c", "utf-8")
    shutil.copy(spec_path("musicgpt"), tmp_path)
    line = _one_line_refusal(_sandbox("--spec-dir", str(tmp_path)))
    assert f"{tmp_path / 'openapi.yaml'}: is not valid YAML" in line
    assert "line 3, column 3" in line


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- just\n- a list\n", "is not an OpenAPI document"),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n", "is not a usable OpenAPI document"),
        ("\xff\xfe", "is not UTF-8 text (byte 0)"),
    ],
)
def test_documents_that_are_not_usable_specs_are_refused(
    tmp_path: Path, content: str, problem: str
) -> None:
    (tmp_path / "musicgpt.openapi.yaml").write_text(content, "latin-1")
    line = _one_line_refusal(_sandbox("--spec-dir", str(tmp_path), "--api", "musicgpt"))
    assert f"musicgpt.openapi.yaml: {problem}" in line
    assert "--api" not in line.split("Fix:")[1]  # one API was asked for: no other to offer


def test_api_serves_one_api_from_a_folder_holding_only_its_spec(tmp_path: Path) -> None:
    shutil.copy(spec_path("musicgpt"), tmp_path)
    started = start_sandbox(["--spec-dir", str(tmp_path), "--api", "musicgpt"])
    try:
        root = started.sandbox.url
        voices = httpx.get(
            f"{root}/api/public/v1/getAllVoices", headers={"Authorization": "mg_test_free"}
        )
        assert voices.status_code == 200
        trackyard = httpx.get(
            f"{root}/api/external/v1/me", headers={"Authorization": "Bearer ty_test_free"}
        )
        assert trackyard.status_code == 404
    finally:
        started.stop()


def test_version_is_the_packages() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backbeat_sandbox", "--version"],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    assert result.stdout.strip() == f"backbeat-sandbox {backbeat.__version__}"
