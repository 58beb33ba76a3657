"""The sandbox launcher, as the plugin exposes it: `backbeat_sandbox.launcher`, the one launcher
of the project (standard library only, so importing it loads none of the server)."""

from __future__ import annotations

from backbeat_sandbox import launcher as _launcher
from backbeat_sandbox.launcher import *  # noqa: F403 - the same names, re-exported

__all__ = _launcher.__all__
