"""The request pipeline every API shares, driven by its spec and a thin ``ApiBehaviour``.

Order: route -> authenticate -> ``Prefer`` forcing -> rate limits -> validation -> permission
-> credits -> the operation's handler -> headers completed from the spec -> usage log. The
pipeline after the body has been read never awaits, so one request at a time touches state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from starlette.types import Receive, Scope, Send

from .accounts import Account, Denial, KeyRegistry, Profile, UnknownKey, UsageRecord
from .clock import Clock
from .inbound import Inbound, read_inbound
from .limits import DEFAULT_MAX_ACCOUNTS
from .replies import Reply, complete_headers, forced_reply, parse_prefer
from .spec import JSON, Operation, Spec, SpecError
from .validation import Arguments, Invalid, validate_request
from .webhooks import Courier, Delivery

log = logging.getLogger("backbeat_sandbox")

RawHeaders = list[tuple[bytes, bytes]]
JSON_HEADERS: RawHeaders = [(b"content-type", b"application/json")]
TEXT_HEADERS: RawHeaders = [(b"content-type", b"text/plain; charset=utf-8")]


async def send_reply(send: Send, status: int, body: bytes, headers: RawHeaders) -> None:
    """One whole response, as two ASGI messages (the server writes them as one)."""
    if status >= 200 and status not in (204, 304):
        headers = [*headers, (b"content-length", b"%d" % len(body))]
    start = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body})


AuthFailure = Literal["missing", "malformed", "unknown", "revoked"]


@dataclass(frozen=True)
class Call:
    """One authenticated, validated call, as a handler sees it."""

    op: Operation
    args: Arguments
    account: Account
    now: float
    sequence: int
    """The how-many-th call this state has served: the seed for deterministic ids."""


Handler = Callable[[Call], Reply]


def handlers_for(
    spec: Spec,
    behaviours: Mapping[str, Handler],
    implied: Callable[[Operation], str | None] = lambda op: None,
) -> dict[str, Handler]:
    """Each operation's handler: the behaviour its ``x-sandbox-behaviour`` names, else the one
    ``implied`` derives from its other facts. The spec says what each operation does; the
    sandbox knows only behaviours by name. An operation naming a behaviour the sandbox lacks,
    or none, is a `SpecError` now, at bind time, not a 500 on its first call."""
    handlers = {}
    known = ", ".join(sorted(behaviours))
    for op in spec.operations:
        name = op.reader.sandbox_behaviour or implied(op)
        if name is None:
            problem = f"{op.operation_id} names no x-sandbox-behaviour (one of: {known})"
            raise SpecError(spec.reader.path, problem)
        if name not in behaviours:
            problem = f"{op.operation_id} x-sandbox-behaviour: no {name!r} in the sandbox ({known})"
            raise SpecError(spec.reader.path, problem)
        handlers[op.operation_id] = behaviours[name]
    return handlers


class ApiBehaviour(Protocol):
    """What is specific to one API; everything else comes from its spec."""

    spec_file: str
    max_body_bytes: int
    profiles: Mapping[str, Profile]

    def error(self, status: int, message: str, code: str | None = None) -> JSON: ...

    def auth_failure(self, kind: AuthFailure) -> Reply: ...

    def rejected(self, problem: Invalid) -> Reply:
        """The reply to a request that breaks the spec."""

    def account_headers(self, account: Account, now: float) -> dict[str, str]: ...

    def payment_required(self, account: Account, cost: float) -> Reply: ...

    @property
    def handlers(self) -> Mapping[str, Handler]:
        """The handler of each operation id, as the spec assigns them (`handlers_for`)."""

    def bind(self, spec: Spec) -> None:
        """Read what the API needs from its loaded spec; called once, before anything else."""

    def advance(self, now: float) -> Sequence[Delivery]:
        """Move background work on to ``now``; the webhooks owed since the last call."""


@dataclass
class State:
    """Everything a reset forgets: the accounts and the count of calls served."""

    registry: KeyRegistry
    served: int = 0


class ApiService:
    """An ASGI app serving one API under its spec's base path."""

    def __init__(
        self,
        api: ApiBehaviour,
        spec: Spec,
        clock: Clock,
        courier: Courier | None = None,
        max_accounts: int = DEFAULT_MAX_ACCOUNTS,
    ) -> None:
        api.bind(spec)
        self.api = api
        self.spec = spec
        self.clock = clock
        self.courier = courier or Courier()
        self.max_accounts = max_accounts
        self.state = State(KeyRegistry(api.profiles, max_accounts))

    def reset(self) -> None:
        self.state = State(KeyRegistry(self.api.profiles, self.max_accounts))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"].removeprefix(self.spec.base_path) or "/"
        inbound = await read_inbound(scope, receive, path, self.api.max_body_bytes)
        reply = self.respond(inbound)
        headers = (
            [(b"content-type", reply.media_type.encode("latin-1"))] if reply.media_type else []
        )
        headers += [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, value in reply.headers.items()
        ]
        await send_reply(send, reply.status, reply.content(), headers)
        self.tick()

    def tick(self) -> None:
        """Advance background work to the clock's now and start sending the webhooks owed.
        Runs after every request and, in a served sandbox, a few times a second."""
        for delivery in self.api.advance(self.clock()):
            self.courier.send(delivery)

    def respond(self, inbound: Inbound) -> Reply:
        started = self.clock()
        op, allowed = self.spec.match(inbound.method, inbound.path)
        if op is None:
            return self._unrouted(inbound, allowed)
        account_or_failure = self._authenticate(inbound, started)
        if not isinstance(account_or_failure, Account):
            return self.api.auth_failure(account_or_failure)
        account = account_or_failure
        self.state.served += 1
        reply, charged, forced = self._serve(op, inbound, account, started)
        reply = reply.with_headers(self.api.account_headers(account, started))
        reply = complete_headers(self.spec, op, reply, forced=forced)
        finished = self.clock()
        account.record(
            UsageRecord(
                timestamp=started,
                endpoint=op.path,
                status_code=reply.status,
                credits_consumed=charged,
                response_time_ms=max(0, int((finished - started) * 1000)),
            )
        )
        account.last_used_at = started
        return reply

    def _unrouted(self, inbound: Inbound, allowed: tuple[str, ...]) -> Reply:
        if allowed:
            message = f"{inbound.method} is not allowed on {inbound.path}"
            body = self.api.error(405, message, "method_not_allowed")
            return Reply(405, body, {"Allow": ", ".join(allowed)})
        return Reply(
            404, self.api.error(404, f"no such endpoint: {inbound.path[:100]}", "not_found")
        )

    def _authenticate(self, inbound: Inbound, now: float) -> Account | AuthFailure:
        security = self.spec.security
        raw = inbound.headers.get(security.header, "").strip()
        if not raw:
            return "missing"
        key = raw
        if security.prefix:
            scheme, _, key = raw.partition(" ")
            key = key.strip()
            if scheme.lower() != security.prefix.lower() or not key or " " in key:
                return "malformed"
        try:
            account = self.state.registry.account(key, now)
        except UnknownKey:
            return "unknown"
        return "revoked" if account.profile.revoked else account

    def _serve(
        self, op: Operation, inbound: Inbound, account: Account, now: float
    ) -> tuple[Reply, float, bool]:
        """The reply to an authenticated call, the credits it consumed, whether it was forced."""
        try:
            preference = parse_prefer(inbound.headers.getlist("prefer"))
            if preference is not None:
                return self._forced(op, inbound, forced_reply(self.spec, op, preference)), 0, True
            denial = account.admit(op.operation_id, now)
            if denial is not None:
                return self._rate_limited(denial), 0, False
            args = validate_request(self.spec, op, inbound)
        except Invalid as problem:
            return self.api.rejected(problem), 0, False
        if account.profile.role in op.refused_roles:
            message = f"This API key may not call {op.operation_id}"
            return Reply(403, self.api.error(403, message, "insufficient_permissions")), 0, False
        return (*self._charged(Call(op, args, account, now, self.state.served)), False)

    def _forced(self, op: Operation, inbound: Inbound, reply: Reply) -> Reply:
        """A forced success is a real one: where the documented example is only a placeholder
        (a binary download), the API's `complete_forced` builds the body, from the request when
        it is valid, else from the documented example."""
        complete = getattr(self.api, "complete_forced", None)
        if complete is None or not reply.succeeded:
            return reply
        try:
            args: Arguments | None = validate_request(self.spec, op, inbound)
        except Invalid:
            args = None
        completed: Reply = complete(op, args, reply)
        return completed

    def _rate_limited(self, denial: Denial) -> Reply:
        message = f"Rate limit exceeded: {denial.limit.allowance} requests per {denial.limit.name}"
        body = self.api.error(429, message, "rate_limit_exceeded")
        return Reply(429, body, {"Retry-After": str(denial.retry_after)})

    def _charged(self, call: Call) -> tuple[Reply, float]:
        cost = call.op.price
        if not call.account.reserve(cost):
            return self.api.payment_required(call.account, cost), 0
        try:
            reply = self.api.handlers[call.op.operation_id](call)
        except Exception:
            log.exception("handler of %s failed", call.op.operation_id)
            reply = Reply(500, self.api.error(500, "An unexpected error occurred"))
        if reply.succeeded:
            return reply, cost
        call.account.refund(cost)
        return reply, 0
