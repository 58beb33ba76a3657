"""What the distribution promises, checked in the checkout: one version everywhere, a
changelog entry for it, the specs found at the repository root. Building and installing the
wheel is proved by `make prove-install` (tools/prove_install.sh), which CI runs."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import entry_points, version
from pathlib import Path

import backbeat
import backbeat_specs
import pytest

REPO = Path(__file__).resolve().parents[2]


def test_the_version_is_defined_once_and_installed() -> None:
    # A stale editable install (metadata from an older version) fails here: re-run make venv.
    assert version("backbeat") == backbeat.__version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]


def test_the_changelog_keeps_a_changelog() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert "## [Unreleased]" in changelog
    release = re.search(
        rf"^## \[{re.escape(backbeat.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M
    )
    assert release, f"CHANGELOG.md has no entry for {backbeat.__version__}"
    assert f"[{backbeat.__version__}]: " in changelog


def test_commands_and_plugin_are_registered() -> None:
    scripts = {
        e.name: e.value
        for e in entry_points(group="console_scripts")
        if e.dist and e.dist.name == "backbeat"
    }
    assert scripts == {
        "backbeat-sandbox": "backbeat_sandbox.__main__:main",
        "backbeat-contract": "backbeat_contract.__main__:main",
    }
    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins["backbeat"] == "backbeat_pytest.plugin"


def test_in_a_checkout_the_specs_are_the_top_level_files() -> None:
    assert backbeat_specs.spec_dir() == REPO
    assert backbeat_specs.spec_path("trackyard") == REPO / "openapi.yaml"
    assert backbeat_specs.spec_path("musicgpt") == REPO / "musicgpt.openapi.yaml"
    assert not list((REPO / "specs" / "backbeat_specs").glob("*.yaml")), "one copy in git"


def test_an_unknown_api_has_no_spec() -> None:
    with pytest.raises(ValueError, match="unknown API 'spotify'"):
        backbeat_specs.spec_path("spotify")


@pytest.mark.parametrize(
    "folder",
    ["overlay", "sandbox", "contract_tests", "specs", "plugin", "overlay/backbeat/_generated"],
)
def test_every_package_ships_py_typed(folder: str) -> None:
    packages = [p.parent for p in (REPO / folder).glob("*/__init__.py")]
    assert packages
    for package in packages:
        assert (package / "py.typed").is_file(), f"{package} has no py.typed"
