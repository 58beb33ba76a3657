"""Faults, one per variant of the sandbox: each a small ASGI middleware that bends one promise
of the contract, so the contract suite's self-tests can check that it notices.

A fault rewrites the request before the real sandbox sees it, the buffered response after, or
the webhook payloads the sandbox sends (see `fault_server`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class Reply:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower().encode()
        return next((v.decode() for k, v in self.headers if k.lower() == wanted), None)

    def set_header(self, name: str, value: str | None) -> None:
        wanted = name.lower().encode()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != wanted]
        if value is not None:
            self.headers.append((wanted, value.encode()))

    @property
    def media_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip()

    def json(self) -> Any:
        return json.loads(self.body) if self.media_type.endswith("json") else None

    def set_json(self, value: Any) -> None:
        self.body = json.dumps(value).encode()


@dataclass
class Exchange:
    """What a fault sees: the request's scope and the sandbox's reply."""

    scope: Scope
    reply: Reply

    @property
    def path(self) -> str:
        return str(self.scope["path"])

    def request_header(self, name: str) -> str | None:
        wanted = name.lower().encode()
        return next((v.decode() for k, v in self.scope["headers"] if k.lower() == wanted), None)


RequestRewrite = Callable[[Scope], None]
ReplyRewrite = Callable[[Exchange], None]
# A webhook payload as the sandbox would POST it -> what is POSTed instead (None: nothing).
WebhookRewrite = Callable[[dict[str, Any]], "dict[str, Any] | None"]


@dataclass
class Fault:
    description: str
    on_request: RequestRewrite | None = None
    on_reply: ReplyRewrite | None = None
    on_webhook: WebhookRewrite | None = None
    state: dict[str, int] = field(default_factory=dict)


class FaultMiddleware:
    def __init__(self, app: App, fault: Fault) -> None:
        self.app = app
        self.fault = fault

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.fault.on_request:
            self.fault.on_request(scope)
        reply = Reply(500, [], b"")
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                reply.status = message["status"]
                reply.headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        reply.body = b"".join(chunks)
        if self.fault.on_reply:
            self.fault.on_reply(Exchange(scope, reply))
        reply.set_header("content-length", str(len(reply.body)))
        await send(
            {"type": "http.response.start", "status": reply.status, "headers": reply.headers}
        )
        await send({"type": "http.response.body", "body": reply.body})
