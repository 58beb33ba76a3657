"""Fixtures shared by every test under ``tests/``.

The sandbox comes from backbeat's own pytest plugin (``backbeat_pytest``, loaded through its
``pytest11`` entry point), exactly as users get it.
"""

from __future__ import annotations

import pytest
from backbeat_pytest import Sandbox
from hypothesis import settings

pytest_plugins = ["pytester"]  # tests/plugin runs pytest sessions that use backbeat's plugin

# Runs are deterministic: every property test draws the same examples on every run and machine
# (a test's own @settings still sets its example count), and no example database is written.
settings.register_profile("backbeat", derandomize=True, database=None)
settings.load_profile("backbeat")


@pytest.fixture(scope="session")
def sandbox_url(backbeat_sandbox: Sandbox) -> str:
    """Root URL (no API prefix) of the plugin's session sandbox, started with
    ``--enable-reset``: one server per xdist worker. Use suffixed magic keys
    (``ty_test_free_<suffix>``, or the ``backbeat_account`` fixture) or ``POST /_sandbox/reset``
    to isolate tests from each other.
    """
    return backbeat_sandbox.url
