"""backbeat_pytest: the backbeat sandbox in your tests, as easy as moto or pytest-httpserver.

Installed with ``pip install "backbeat[sandbox]"``, pytest loads the plugin by itself
(``pytest11`` entry point). Fixtures (see ``backbeat_pytest.plugin``):

- ``backbeat_sandbox``: a sandbox process for the session (per xdist worker), its base URLs;
- ``backbeat_account``: a fresh account per test, tier from ``@pytest.mark.backbeat_tier``;
- ``backbeat_account_factory``: more accounts, ``backbeat_account_factory("free")``;
- ``backbeat_trackyard`` / ``backbeat_musicgpt``: ready clients bound to both.

Outside pytest, ``running_sandbox()`` / ``start_sandbox()`` start one as a process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accounts import Account, AccountFactory
    from .launcher import (
        Sandbox,
        SandboxProcess,
        SandboxStartError,
        running_sandbox,
        start_sandbox,
    )

__all__ = [
    "Account",
    "AccountFactory",
    "Sandbox",
    "SandboxProcess",
    "SandboxStartError",
    "running_sandbox",
    "start_sandbox",
]
# pytest imports this package for every run (the plugin's entry point lives in it): the names
# load on first use, so a run that uses no fixture of ours imports no httpx and no backbeat.
_HOMES = {"Account": "accounts", "AccountFactory": "accounts"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f".{_HOMES.get(name, 'launcher')}", __name__)
    value = getattr(module, name)
    globals()[name] = value
    return value
