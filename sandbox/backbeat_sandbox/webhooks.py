"""Webhook delivery: who may receive one, and a courier that holds under load.

**Who.** A sandbox must never become a way to make requests elsewhere. By default a webhook URL
must name a literal loopback address (``127.0.0.0/8``, ``::1``) or exactly ``localhost``;
anything else (``localhost.``, ``127.0.0.1.``, any other name) is refused before any lookup,
so a refused URL causes no DNS query. ``localhost`` is not looked up either: the courier
connects to ``127.0.0.1`` and sends ``Host: localhost``, so the host checked is the host
connected to. ``--webhook-allow-host HOST`` adds hosts by exact name (connected to by that
name); ``--webhook-allow-any`` lifts the rule.

**How** (the delivery policy, see `DeliveryPolicy`): one shared HTTP client per courier; at
most `MAX_IN_FLIGHT` deliveries being sent at once and at most `MAX_QUEUED` waiting. A delivery
that finds the queue full is dropped and logged (the first drop, then every hundredth). Each
POST gets `ATTEMPTS` attempts, `ATTEMPT_TIMEOUT_SECONDS` each, with `BACKOFF_SECONDS` between
them; it is retried after a connection error, a timeout, a 429 or a 5xx, never after another
answer. A delivery that fails for good is logged and dropped. Sending happens in background
tasks of the server's event loop: nothing here waits in, or raises into, a request.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import httpx

from .spec import JSON

log = logging.getLogger("backbeat_sandbox.webhooks")

MAX_IN_FLIGHT = 8
MAX_QUEUED = 1_000
ATTEMPTS = 3
ATTEMPT_TIMEOUT_SECONDS = 5.0
CONNECT_TIMEOUT_SECONDS = 2.0
BACKOFF_SECONDS = (0.5, 1.0)
"""The wait before the second and the third attempt."""
SHUTDOWN_GRACE_SECONDS = 3.0
"""At shutdown, how long the deliveries under way may still take before they are cancelled."""
LOOPBACK_NAME = "localhost"
LOOPBACK_ADDRESS = "127.0.0.1"
DROP_LOG_EVERY = 100


@dataclass(frozen=True)
class Delivery:
    """The POSTs one finished task owes its ``webhook_url``, in order."""

    url: str
    payloads: tuple[Mapping[str, JSON], ...]
    label: str
    """What finished, for the log (operation and task id; never a key)."""


@dataclass(frozen=True)
class Destination:
    """Where a checked URL is sent: the URL to connect to and the Host header to send."""

    url: httpx.URL
    host_header: str | None = None


@dataclass(frozen=True)
class WebhookPolicy:
    """Which hosts may receive webhooks besides literal loopback addresses and ``localhost``."""

    allowed_hosts: frozenset[str] = frozenset()
    allow_any: bool = False

    @classmethod
    def of(cls, hosts: Iterable[str] = (), *, allow_any: bool = False) -> WebhookPolicy:
        return cls(frozenset(host.strip().strip("[]").lower() for host in hosts), allow_any)

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not receive a webhook, or ``None`` when it may."""
        destination = self.destination(url)
        return destination if isinstance(destination, str) else None

    def destination(self, url: str) -> Destination | str:
        """Where to send a webhook for ``url``, or why not. Looks nothing up: the URL is
        parsed once, and the host judged is the host the courier connects to."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            return "the URL is malformed"
        if parsed.scheme not in ("http", "https") or not parsed.host:
            return "only absolute http(s) URLs receive webhooks"
        host = parsed.host.lower()
        if self.allow_any or host in self.allowed_hosts or _is_loopback_literal(host):
            return Destination(parsed)
        if host == LOOPBACK_NAME:
            return Destination(parsed.copy_with(host=LOOPBACK_ADDRESS), _host_header(parsed))
        return (
            f"{host} is not a loopback host: only literal loopback addresses and localhost "
            f"receive webhooks (allow it with --webhook-allow-host {host})"
        )


def _is_loopback_literal(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_header(url: httpx.URL) -> str:
    return url.host if url.port is None else f"{url.host}:{url.port}"


@dataclass(frozen=True)
class DeliveryPolicy:
    """How deliveries are sent; the defaults are the documented policy (module doc)."""

    max_in_flight: int = MAX_IN_FLIGHT
    max_queued: int = MAX_QUEUED
    attempts: int = ATTEMPTS
    attempt_timeout: float = ATTEMPT_TIMEOUT_SECONDS
    backoff: tuple[float, ...] = BACKOFF_SECONDS


@dataclass
class _Run:
    """The courier's machinery on one event loop: its client, queue and workers."""

    loop: asyncio.AbstractEventLoop
    client: httpx.AsyncClient
    queue: asyncio.Queue[tuple[Delivery, Destination]]
    workers: list[asyncio.Task[None]]


@dataclass
class Courier:
    """Sends deliveries from a bounded queue with a fixed number of workers (module doc)."""

    policy: WebhookPolicy = field(default_factory=WebhookPolicy)
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    dropped: int = 0
    """Deliveries dropped because the queue was full."""
    _run: _Run | None = field(default=None, repr=False)

    def send(self, delivery: Delivery) -> None:
        """Refuse (logged), queue, or drop when the queue is full (logged); never raises, never
        waits."""
        destination = self.policy.destination(delivery.url)
        if isinstance(destination, str):
            log.warning("webhook for %s to %s refused: %s", delivery.label,
                        _shown(delivery.url), destination)  # fmt: skip
            return
        run = self._running()
        if run is None:
            log.warning("webhook for %s not sent: no event loop is running", delivery.label)
            return
        try:
            run.queue.put_nowait((delivery, destination))
        except asyncio.QueueFull:
            self.dropped += 1
            if self.dropped == 1 or self.dropped % DROP_LOG_EVERY == 0:
                log.warning("webhook for %s dropped: %d deliveries are already waiting "
                            "(%d dropped so far)", delivery.label, self.delivery.max_queued,
                            self.dropped)  # fmt: skip

    @property
    def queued(self) -> int:
        return 0 if self._run is None else self._run.queue.qsize()

    async def wait_idle(self) -> None:
        """Until every queued delivery has been sent or given up (tests)."""
        if self._run is not None and self._run.loop is asyncio.get_running_loop():
            await self._run.queue.join()

    async def aclose(self) -> None:
        """Shutdown: forget what waits, give what is under way `SHUTDOWN_GRACE_SECONDS`, then
        cancel it and close the client."""
        run, self._run = self._run, None
        if run is None or run.loop is not asyncio.get_running_loop():
            return
        while not run.queue.empty():
            run.queue.get_nowait()
            run.queue.task_done()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(run.queue.join(), SHUTDOWN_GRACE_SECONDS)
        for worker in run.workers:
            worker.cancel()
        await asyncio.gather(*run.workers, return_exceptions=True)
        await run.client.aclose()

    def _running(self) -> _Run | None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return None
        if self._run is None or self._run.loop is not loop:
            self._run = self._start(loop)
        return self._run

    def _start(self, loop: asyncio.AbstractEventLoop) -> _Run:
        policy = self.delivery
        client = httpx.AsyncClient(
            timeout=httpx.Timeout(policy.attempt_timeout, connect=CONNECT_TIMEOUT_SECONDS),
            limits=httpx.Limits(
                max_connections=policy.max_in_flight, max_keepalive_connections=policy.max_in_flight
            ),
            follow_redirects=False,
            trust_env=False,
        )
        queue: asyncio.Queue[tuple[Delivery, Destination]] = asyncio.Queue(policy.max_queued)
        run = _Run(loop, client, queue, [])
        run.workers = [loop.create_task(self._work(run)) for _ in range(policy.max_in_flight)]
        return run

    async def _work(self, run: _Run) -> None:
        while True:
            delivery, destination = await run.queue.get()
            try:
                await self._deliver(run.client, delivery, destination)
            except Exception:  # a delivery must never take the courier down
                log.exception("webhook for %s to %s failed", delivery.label,
                              _shown(delivery.url))  # fmt: skip
            finally:
                run.queue.task_done()

    async def _deliver(
        self, client: httpx.AsyncClient, delivery: Delivery, destination: Destination
    ) -> None:
        headers = {"Host": destination.host_header} if destination.host_header else {}
        for payload in delivery.payloads:
            problem = await self._post(client, destination.url, headers, payload)
            if problem is not None:
                log.warning("webhook for %s to %s failed: %s", delivery.label,
                            _shown(delivery.url), problem)  # fmt: skip

    async def _post(
        self,
        client: httpx.AsyncClient,
        url: httpx.URL,
        headers: Mapping[str, str],
        payload: Mapping[str, JSON],
    ) -> str | None:
        """POST with the policy's attempts; None once delivered, else the last problem."""
        problem = ""
        for attempt in range(self.delivery.attempts):
            if attempt:
                backoff = self.delivery.backoff
                await asyncio.sleep(backoff[min(attempt, len(backoff)) - 1] if backoff else 0)
            try:
                response = await client.post(url, json=payload, headers=headers)
            except (httpx.HTTPError, OSError) as exc:
                problem = type(exc).__name__ + (f" ({exc})" if str(exc) else "")
                continue
            if response.status_code == 429 or response.status_code >= 500:
                problem = f"answered {response.status_code}"
                continue
            if response.is_error:
                return f"answered {response.status_code}"  # the receiver's refusal: final
            return None
        return f"{problem} ({self.delivery.attempts} attempts)"


def _shown(url: str) -> str:
    """The URL without credentials, query and fragment, which may carry a receiver's secret."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return "(malformed URL)"
    port = f":{parsed.port}" if parsed.port is not None else ""
    return f"{parsed.scheme}://{parsed.host}{port}{parsed.path}"
