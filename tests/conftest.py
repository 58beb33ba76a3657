"""Fixtures shared by every test under ``tests/``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sandbox_process import start_sandbox, stop_sandbox


@pytest.fixture(scope="session")
def sandbox_url() -> Iterator[str]:
    """Root URL (no API prefix) of a sandbox started with ``--enable-reset`` for this session.

    One server per xdist worker. Use suffixed magic keys (``ty_test_free_<suffix>``) or
    ``POST /_sandbox/reset`` to isolate tests from each other.
    """
    url, popen = start_sandbox(["--enable-reset"])
    try:
        yield url
    finally:
        stop_sandbox(popen)
