"""backbeat_sandbox: a stateful offline server for the Trackyard and MusicGPT APIs.

``create_app(clock=..., enable_reset=...)`` builds a fresh ASGI app; ``python -m
backbeat_sandbox`` serves it with uvicorn.
"""

from .app import create_app

__all__ = ["create_app"]
