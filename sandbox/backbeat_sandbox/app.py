"""The ASGI app: every API's service at its spec's base path, plus ``/_sandbox/...``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from backbeat_specs import spec_dir as installed_spec_dir
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from .clock import Clock, system_clock
from .engine import ApiBehaviour, ApiService
from .musicgpt import MusicGPT
from .spec import load_spec
from .trackyard import Trackyard

SPEC_DIR = installed_spec_dir()
"""Where the specs live: the repository root in a checkout, the copies installed with the
wheel otherwise (``--spec-dir`` overrides)."""

APIS: dict[str, Callable[[], ApiBehaviour]] = {"trackyard": Trackyard, "musicgpt": MusicGPT}
"""The APIs the sandbox can serve, by the name ``--api`` takes."""


def default_apis() -> list[ApiBehaviour]:
    return [make() for make in APIS.values()]


def create_app(
    *,
    clock: Clock = system_clock,
    enable_reset: bool = False,
    spec_dir: Path = SPEC_DIR,
    apis: Sequence[ApiBehaviour] | None = None,
) -> Starlette:
    """A fresh sandbox: new state, its own clock. Raises `SpecError` when an API's spec is
    missing or broken (serving 404s in its place would hide the mistake)."""
    services = [
        ApiService(api, load_spec(spec_dir / api.spec_file), clock)
        for api in (default_apis() if apis is None else apis)
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
