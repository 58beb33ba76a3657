"""The plugin costs nothing in a run that does not use it: pytest loads its entry point in
every run where backbeat is installed, and that module imports only pytest and the stdlib."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

# The entry point itself (pytest must import it to learn its fixtures and options).
ENTRY_POINT = {"backbeat_pytest", "backbeat_pytest.plugin"}
OURS = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s+(backbeat\w*(?:\.[\w.]+)?)\s*$")


@pytest.mark.slow
def test_collecting_a_suite_that_does_not_use_the_plugin_imports_no_backbeat(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n")
    # One run: -X importtime writes to stderr, --trace-config lists the loaded plugins on stdout.
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pytest", "--co", "-q", "-p",
         "no:cacheprovider", "--trace-config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )  # fmt: skip
    imported = {m.group(1) for line in run.stderr.splitlines() if (m := OURS.match(line))}
    assert imported <= ENTRY_POINT, f"imported at collection: {sorted(imported - ENTRY_POINT)}"
    assert "backbeat_pytest.plugin" in run.stdout, "the plugin is loaded, and cheap"
