"""The one launcher: the server binds port 0 itself and reports the port it got, so nothing
probes a port and reuses it; stopped by PID."""

from __future__ import annotations

import subprocess
import sys

from backbeat_sandbox.launcher import running_sandbox, start_sandbox


def test_sandboxes_started_together_each_report_the_port_they_bound() -> None:
    first, second = start_sandbox(), start_sandbox()
    try:
        assert first.sandbox.port != second.sandbox.port
        assert first.sandbox.port > 0
        assert second.sandbox.port > 0
        assert first.sandbox.healthy()
        assert second.sandbox.healthy()
    finally:
        first.stop()
        second.stop()
    assert first.process.poll() is not None
    assert second.process.poll() is not None
    assert not first.sandbox.healthy()


def test_the_launcher_imports_nothing_but_the_standard_library() -> None:
    code = (
        "import sys; before = set(sys.modules); import backbeat_sandbox.launcher; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "extra = new - set(sys.stdlib_module_names) - {'backbeat_sandbox'}; "
        "assert not extra, extra"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_named_command_is_launched_the_same_way() -> None:
    command = [sys.executable, "-m", "backbeat_sandbox"]
    with running_sandbox(command=command) as sandbox:
        assert sandbox.healthy()
