"""The ASGI app: every API's service at its spec's base path, plus ``/_sandbox/...``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from backbeat_specs import SPEC_FILES
from backbeat_specs import spec_dir as installed_spec_dir
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from .clock import Clock, system_clock
from .engine import ApiBehaviour, ApiService
from .limits import DEFAULT_MAX_ACCOUNTS
from .musicgpt import MusicGPT
from .spec import load_spec
from .trackyard import Trackyard
from .webhooks import Courier, WebhookPolicy

SPEC_DIR = installed_spec_dir()
"""Where the specs live: the repository root in a checkout, the copies installed with the
wheel otherwise (``--spec-dir`` overrides)."""

TICK_SECONDS = 0.2
"""How often a served sandbox moves tasks on by its clock (and so sends webhooks unpolled)."""


def default_apis(task_seconds: float | None = None, only: str | None = None) -> list[ApiBehaviour]:
    """The APIs to serve: both, or the one named (``--api``)."""
    apis: list[ApiBehaviour] = [Trackyard(), MusicGPT(task_seconds=task_seconds)]
    return [api for api in apis if only is None or api.spec_file == SPEC_FILES[only]]


def create_app(
    *,
    clock: Clock = system_clock,
    enable_reset: bool = False,
    spec_dir: Path = SPEC_DIR,
    apis: Sequence[ApiBehaviour] | None = None,
    webhook_allow_hosts: Iterable[str] = (),
    webhook_allow_any: bool = False,
    task_seconds: float | None = None,
    max_accounts: int = DEFAULT_MAX_ACCOUNTS,
) -> Starlette:
    """A fresh sandbox: new state, its own clock. Raises `SpecError` when an API's spec is
    missing or broken (serving 404s in its place would hide the mistake).

    Webhooks go to loopback hosts only, unless ``webhook_allow_hosts`` names more hosts or
    ``webhook_allow_any`` is set. ``task_seconds`` makes every MusicGPT task take that long on
    the clock instead of its operation's ``eta``. ``max_accounts`` caps the accounts each API
    keeps (least recently used forgotten first).
    """
    policy = WebhookPolicy.of(webhook_allow_hosts, allow_any=webhook_allow_any)
    services = [
        ApiService(api, load_spec(spec_dir / api.spec_file), clock, Courier(policy), max_accounts)
        for api in (default_apis(task_seconds) if apis is None else apis)
    ]
    routes: list[BaseRoute] = [Route("/_sandbox/health", _health, methods=["GET"])]
    if enable_reset:
        routes.append(Route("/_sandbox/reset", _resetter(services), methods=["POST"]))
    routes += [Mount(service.spec.base_path, app=service) for service in services]
    app = Starlette(routes=routes, lifespan=_ticking(services))
    app.state.services = services
    return app


def _ticking(services: Sequence[ApiService]) -> Callable[[Starlette], Any]:
    """The lifespan of a served app: tick every service until shutdown, then close each
    courier (what is under way gets a short grace; see `webhooks`)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def tick_forever() -> None:
            while True:
                await asyncio.sleep(TICK_SECONDS)
                for service in services:
                    service.tick()

        ticker = asyncio.create_task(tick_forever())
        try:
            yield
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            for service in services:
                await service.courier.aclose()

    return lifespan


async def _health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def _resetter(services: Sequence[ApiService]) -> Callable[[Request], Awaitable[Response]]:
    async def reset(request: Request) -> Response:
        for service in services:
            service.reset()
        return JSONResponse({"status": "reset"})

    return reset
