"""Webhook delivery: who may receive one, and sending it without ever blocking the server.

A sandbox must never become a way to make requests elsewhere, so by default it delivers only
to loopback hosts (``localhost``, ``127.0.0.0/8``, ``::1``). ``--webhook-allow-host HOST``
adds hosts; ``--webhook-allow-any`` lifts the rule. A refused or failed delivery is logged with
its reason and dropped: no retries (the vendor documents none), and nothing here raises into a
request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .spec import JSON

log = logging.getLogger("backbeat_sandbox.webhooks")

DELIVERY_TIMEOUT_SECONDS = 2.0
LOOPBACK_NAMES = frozenset({"localhost"})


@dataclass(frozen=True)
class Delivery:
    """The POSTs one finished task owes its ``webhook_url``, in order."""

    url: str
    payloads: tuple[Mapping[str, JSON], ...]
    label: str
    """What finished, for the log (operation and task id; never a key)."""


@dataclass(frozen=True)
class WebhookPolicy:
    """Which hosts may receive webhooks besides loopback ones."""

    allowed_hosts: frozenset[str] = frozenset()
    allow_any: bool = False

    @classmethod
    def of(cls, hosts: Iterable[str] = (), *, allow_any: bool = False) -> WebhookPolicy:
        return cls(frozenset(_normal_host(host) for host in hosts), allow_any)

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not receive a webhook, or ``None`` when it may."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError:
            return "the URL is malformed"
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "only absolute http(s) URLs receive webhooks"
        host = _normal_host(parts.hostname)
        if self.allow_any or host in self.allowed_hosts or _is_loopback(host):
            return None
        return f"{host} is not a loopback host (allow it with --webhook-allow-host {host})"


def _normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Courier:
    """Sends deliveries in background tasks of the running event loop, one at a time each."""

    policy: WebhookPolicy = field(default_factory=WebhookPolicy)
    timeout: float = DELIVERY_TIMEOUT_SECONDS
    _running: set[asyncio.Task[None]] = field(default_factory=set, repr=False)

    def send(self, delivery: Delivery) -> None:
        """Refuse now (logged), or start sending in the background; never raises, never waits."""
        refusal = self.policy.refusal(delivery.url)
        if refusal is not None:
            log.warning("webhook for %s to %s refused: %s", delivery.label,
                        _shown(delivery.url), refusal)  # fmt: skip
            return
        try:
            task = asyncio.get_running_loop().create_task(self._post(delivery))
        except RuntimeError:
            log.warning("webhook for %s not sent: no event loop is running", delivery.label)
            return
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def wait_idle(self) -> None:
        """Until every started delivery has finished (tests and shutdown)."""
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)

    async def _post(self, delivery: Delivery) -> None:
        try:
            async with httpx.AsyncClient(
                timeout=self.timeout, follow_redirects=False, trust_env=False
            ) as client:
                for payload in delivery.payloads:
                    response = await client.post(delivery.url, json=payload)
                    if response.is_error:
                        log.warning("webhook for %s to %s answered %d", delivery.label,
                                    _shown(delivery.url), response.status_code)  # fmt: skip
        except (httpx.HTTPError, OSError) as exc:
            log.warning("webhook for %s to %s failed: %s", delivery.label, _shown(delivery.url),
                        type(exc).__name__ + (f" ({exc})" if str(exc) else ""))  # fmt: skip
        except Exception:  # a delivery must never take the server down
            log.exception("webhook for %s to %s failed", delivery.label, _shown(delivery.url))


def _shown(url: str) -> str:
    """The URL without credentials, query and fragment, which may carry a receiver's secret."""
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"
