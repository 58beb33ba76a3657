"""backbeat_sandbox: a stateful offline server for the Trackyard and MusicGPT APIs.

``create_app(clock=..., enable_reset=...)`` builds a fresh ASGI app; ``backbeat-sandbox`` (or
``python -m backbeat_sandbox``) serves it with uvicorn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so that the command line can say "install backbeat[sandbox]" when the server's
    # dependencies are missing instead of failing on import.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
