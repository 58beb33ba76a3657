"""The ASGI app: every API's service at its spec's base path, plus ``/_sandbox/...``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from .clock import Clock, system_clock
from .engine import ApiBehaviour, ApiService
from .musicgpt import MusicGPT
from .spec import load_spec
from .trackyard import Trackyard

SPEC_DIR = Path(__file__).resolve().parents[2]
"""The repository root, where the specs live (``--spec-dir`` overrides)."""


def default_apis() -> list[ApiBehaviour]:
    return [Trackyard(), MusicGPT()]


def create_app(
    *,
    clock: Clock = system_clock,
    enable_reset: bool = False,
    spec_dir: Path = SPEC_DIR,
    apis: Sequence[ApiBehaviour] | None = None,
) -> Starlette:
    """A fresh sandbox: new state, its own clock. APIs whose spec file is absent are skipped."""
    services = [
        ApiService(api, load_spec(spec_dir / api.spec_file), clock)
        for api in (default_apis() if apis is None else apis)
        if (spec_dir / api.spec_file).is_file()
    ]
    routes: list[BaseRoute] = [Route("/_sandbox/health", _health, methods=["GET"])]
    if enable_reset:
        routes.append(Route("/_sandbox/reset", _resetter(services), methods=["POST"]))
    routes += [Mount(service.spec.base_path, app=service) for service in services]
    app = Starlette(routes=routes)
    app.state.services = services
    return app


async def _health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def _resetter(services: Sequence[ApiService]) -> Callable[[Request], Awaitable[Response]]:
    async def reset(request: Request) -> Response:
        for service in services:
            service.reset()
        return JSONResponse({"status": "reset"})

    return reset
