"""The one launcher: the server binds port 0 itself and reports the port it got, so nothing
probes a port and reuses it; stopped by PID."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from backbeat_sandbox.launcher import free_port, running_sandbox, start_sandbox


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


def test_a_free_port_is_a_dead_address_no_other_socket_can_take() -> None:
    port = free_port()
    assert free_port() == port  # one held port per process
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with pytest.raises(OSError, match="in use"):
            other.bind(("127.0.0.1", port))
