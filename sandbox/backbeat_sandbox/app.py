"""The ASGI app: every API's service at its spec's base path, plus ``/_sandbox/...``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace

from backbeat_specs import SPEC_FILES
from backbeat_specs import spec_dir as installed_spec_dir
from starlette.types import Receive, Scope, Send

from .clock import Clock, system_clock
from .engine import JSON_HEADERS, TEXT_HEADERS, ApiBehaviour, ApiService, send_reply
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
HEALTH_PATH = "/_sandbox/health"
RESET_PATH = "/_sandbox/reset"


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
) -> SandboxApp:
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
    return SandboxApp(services, enable_reset=enable_reset)


class SandboxApp:
    """The ASGI app: each service under its base path, ``/_sandbox/health`` and (with
    ``enable_reset``) ``POST /_sandbox/reset``. A plain dispatcher on the path prefix: on the
    hot path of every request, a framework's router and middleware cost more than the work."""

    def __init__(self, services: Sequence[ApiService], *, enable_reset: bool = False) -> None:
        self.services = list(services)
        self.state = SimpleNamespace(services=self.services)
        self.enable_reset = enable_reset
        self._mounts = [(service.spec.base_path, service) for service in self.services]
        self._ticker: asyncio.Task[None] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            for prefix, service in self._mounts:
                if path.startswith(prefix) and (
                    len(path) == len(prefix) or path[len(prefix)] == "/"
                ):
                    await service(scope, receive, send)
                    return
            await self._own(scope, path, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def _own(self, scope: Scope, path: str, send: Send) -> None:
        method = scope["method"]
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            await send_reply(send, 200, b'{"status":"ok"}', JSON_HEADERS)
        elif path == RESET_PATH and self.enable_reset and method == "POST":
            for service in self.services:
                service.reset()
            await send_reply(send, 200, b'{"status":"reset"}', JSON_HEADERS)
        elif path in (HEALTH_PATH, RESET_PATH) and (path == HEALTH_PATH or self.enable_reset):
            allow = "GET, HEAD" if path == HEALTH_PATH else "POST"
            await send_reply(
                send, 405, b"Method Not Allowed", [*TEXT_HEADERS, (b"allow", allow.encode())]
            )
        else:
            await send_reply(send, 404, b"Not Found", TEXT_HEADERS)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Tick every service until shutdown, then close each courier (what is under way gets
        a short grace; see `webhooks`)."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._ticker = asyncio.create_task(self._tick_forever())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._ticker is not None:
                    self._ticker.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await self._ticker
                for service in self.services:
                    await service.courier.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK_SECONDS)
            for service in self.services:
                service.tick()
