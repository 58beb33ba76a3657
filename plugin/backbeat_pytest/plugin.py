"""The pytest plugin (entry point ``pytest11: backbeat``): sandbox, accounts and clients.

Loading it costs nothing: pytest loads this module in every run where backbeat is installed,
so it imports only pytest and the standard library; the client, the launcher and the accounts
are imported by the fixtures that use them. The sandbox runs as a separate process
(``python -m backbeat_sandbox``), so a missing ``sandbox`` extra is reported by the fixtures
that need it, not at start-up.

    def test_search(backbeat_trackyard):
        assert backbeat_trackyard.search("piano", limit=1).tracks

    @pytest.mark.backbeat_tier("free")
    def test_free_tier(backbeat_trackyard):
        assert backbeat_trackyard.me().tier == "free"
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from backbeat import MusicGPT, Trackyard

    from .accounts import Account, AccountFactory
    from .launcher import Sandbox

__all__ = [
    "backbeat_account",
    "backbeat_account_factory",
    "backbeat_musicgpt",
    "backbeat_sandbox",
    "backbeat_trackyard",
]

TIER_MARKER = "backbeat_tier"
URL_OPTION = "--backbeat-sandbox-url"
# The sandbox extra's own modules: without them the server process could not start.
SANDBOX_MODULES = (
    "backbeat_sandbox",
    "uvicorn",
    "starlette",
    "yaml",
    "jsonschema",
    "jsonschema_rs",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("backbeat", "backbeat sandbox fixtures")
    group.addoption(
        URL_OPTION,
        metavar="URL",
        default=None,
        help="use the sandbox already running at URL (root, e.g. http://127.0.0.1:8765) "
        "instead of starting one per session",
    )
    parser.addini(
        "backbeat_sandbox_args",
        type="args",
        default=[],
        help="more backbeat-sandbox flags for the session's sandbox (it has --enable-reset)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{TIER_MARKER}(tier=None, *, trackyard=None, musicgpt=None): the sandbox tier of the "
        "test's backbeat_account (default pro), for both APIs or one of them",
    )


@pytest.fixture(scope="session")
def backbeat_sandbox(pytestconfig: pytest.Config) -> Iterator[Sandbox]:
    """A backbeat sandbox serving both APIs for the whole session (one per xdist worker), on a
    free 127.0.0.1 port, stopped by PID at the end. ``.trackyard_url`` / ``.musicgpt_url`` are
    the APIs' base URLs, ``.url`` the root."""
    from .launcher import Sandbox, SandboxStartError, start_sandbox

    given = pytestconfig.getoption(URL_OPTION)
    if given:
        sandbox = Sandbox(str(given).rstrip("/"))
        if not sandbox.healthy():
            pytest.fail(
                f"{URL_OPTION}: no backbeat sandbox answers at {sandbox.url}", pytrace=False
            )
        yield sandbox
        return
    _require_sandbox_extra()
    try:
        # Reset on: a test may restore the initial state with `backbeat_sandbox.reset()`.
        extra = ["--enable-reset", *pytestconfig.getini("backbeat_sandbox_args")]
        started = start_sandbox(extra)
    except SandboxStartError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield started.sandbox
    finally:
        started.stop()


@pytest.fixture
def backbeat_account_factory(request: pytest.FixtureRequest) -> AccountFactory:
    """``backbeat_account_factory(tier="pro", *, trackyard=None, musicgpt=None)`` makes a new,
    isolated sandbox account on every call."""
    from .accounts import AccountFactory

    return AccountFactory(request.node.nodeid)


@pytest.fixture
def backbeat_account(
    request: pytest.FixtureRequest, backbeat_account_factory: AccountFactory
) -> Account:
    """A fresh account for this test, of the tier ``@pytest.mark.backbeat_tier`` asks for
    (default ``pro``): ``.trackyard_key``, ``.musicgpt_key``."""
    marker = request.node.get_closest_marker(TIER_MARKER)
    if marker is None:
        return backbeat_account_factory()
    try:
        return backbeat_account_factory(*marker.args, **marker.kwargs)
    except (TypeError, ValueError) as error:
        pytest.fail(f"@pytest.mark.{TIER_MARKER}: {error}", pytrace=False)


@pytest.fixture
def backbeat_trackyard(backbeat_sandbox: Sandbox, backbeat_account: Account) -> Iterator[Trackyard]:
    """A `backbeat.Trackyard` bound to the sandbox and this test's account; closed afterwards."""
    from backbeat import Trackyard

    yield from _bound(
        Trackyard, lambda: backbeat_account.trackyard_key, backbeat_sandbox.trackyard_url
    )


@pytest.fixture
def backbeat_musicgpt(backbeat_sandbox: Sandbox, backbeat_account: Account) -> Iterator[MusicGPT]:
    """A `backbeat.MusicGPT` bound to the sandbox and this test's account; closed afterwards."""
    from backbeat import MusicGPT

    yield from _bound(
        MusicGPT, lambda: backbeat_account.musicgpt_key, backbeat_sandbox.musicgpt_url
    )


def _bound(client_class: Any, key: Callable[[], str], base_url: str) -> Iterator[Any]:
    try:
        api_key = key()
    except ValueError as error:  # a tier this API does not have
        pytest.fail(str(error), pytrace=False)
    with client_class(api_key, base_url=base_url) as client:
        yield client


def _require_sandbox_extra() -> None:
    missing = [name for name in SANDBOX_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        pytest.fail(
            f"backbeat's sandbox fixtures need the sandbox extra (missing: {', '.join(missing)}): "
            'pip install "backbeat[sandbox]"',
            pytrace=False,
        )
