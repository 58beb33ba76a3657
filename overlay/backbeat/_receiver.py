"""A ready webhook receiver: `webhook_app(on_event)` is an ASGI application (and
`webhook_wsgi_app(on_event)` its WSGI twin) that reads each delivery into a typed event and
hands it to `on_event`.

The vendor documents no signature, no retries and no expected status (see the API facts), so
the answers follow HTTP: 200 once `on_event` returned; 400 for a body that is not a webhook
(resending it cannot help); 405 for a method other than POST, 413 for a body over `max_body`
bytes; 500 when `on_event` raised (so a sender that retries, retries). The answer is a small
JSON object, `{"received": true}` or `{"error": "..."}`. Any path is accepted: mount the app
where the `webhook_url` points.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from ._logging import LOGGER
from .musicgpt_webhooks import InvalidWebhook, WebhookEvent, parse_webhook

__all__ = ["DEFAULT_MAX_WEBHOOK_BODY", "webhook_app", "webhook_wsgi_app"]

DEFAULT_MAX_WEBHOOK_BODY = 1024 * 1024  # the vendor's payloads are a few kilobytes
Answer = tuple[int, dict[str, Any]]
Scope = Mapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[Mapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
REASONS = {200: "OK", 400: "Bad Request", 405: "Method Not Allowed", 413: "Content Too Large"}
REASONS[500] = "Internal Server Error"


def _refusal(method: str, size: int | None, max_body: int) -> Answer | None:
    """The answer to a request that is refused before its body is read."""
    if method != "POST":
        return 405, {"error": "webhooks are delivered with POST"}
    if size is not None and size > max_body:
        return 413, {"error": f"a webhook body is at most {max_body} bytes"}
    return None


def _event_of(body: bytes) -> WebhookEvent | Answer:
    try:
        return parse_webhook(body)
    except InvalidWebhook as error:
        return 400, {"error": str(error)}


def _failed(event: WebhookEvent) -> Answer:
    LOGGER.exception("webhook receiver: on_event raised for task %s", event.task_id)
    return 500, {"error": "the receiver failed to handle the event"}


def _content_length(value: str | bytes | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def webhook_app(
    on_event: Callable[[WebhookEvent], object],
    *,
    max_body: int = DEFAULT_MAX_WEBHOOK_BODY,
) -> ASGIApp:
    """An ASGI application that receives MusicGPT webhooks: each POSTed body is read into its
    typed event (`parse_webhook`) and passed to `on_event`, awaited when it is a coroutine
    function; a plain function runs in a worker thread, so it may block. See the module
    docstring for the statuses it answers."""
    is_coroutine = inspect.iscoroutinefunction(on_event)

    async def handle(event: WebhookEvent) -> Answer:
        try:
            if is_coroutine:
                await on_event(event)  # type: ignore[misc]
            else:
                await asyncio.to_thread(on_event, event)
        except Exception:
            return _failed(event)
        return 200, {"received": True}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # websockets: not served
        headers = dict(scope.get("headers") or ())
        answer = _refusal(
            scope["method"], _content_length(headers.get(b"content-length")), max_body
        )
        if answer is None:
            body = await _body(receive, max_body)
            if body is None:
                answer = 413, {"error": f"a webhook body is at most {max_body} bytes"}
            else:
                parsed = _event_of(body)
                answer = parsed if isinstance(parsed, tuple) else await handle(parsed)
        await _send_answer(send, answer)

    return app


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _body(receive: Receive, max_body: int) -> bytes | None:
    """The request body; None once it grows past `max_body` (the rest is not read)."""
    chunks: list[bytes] = []
    size, more = 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > max_body:
            return None
        more = message.get("more_body", False)
    return b"".join(chunks)


def _encoded(answer: Answer) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    status, payload = answer
    content = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(content))]
    if status == 405:
        headers.append((b"allow", b"POST"))
    return status, headers, content


async def _send_answer(send: Send, answer: Answer) -> None:
    status, headers, content = _encoded(answer)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def webhook_wsgi_app(
    on_event: Callable[[WebhookEvent], object],
    *,
    max_body: int = DEFAULT_MAX_WEBHOOK_BODY,
) -> WSGIApp:
    """`webhook_app` for WSGI servers (gunicorn, waitress, `wsgiref`): the same statuses;
    `on_event` is a plain function, called in the server's worker."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        size = _content_length(environ.get("CONTENT_LENGTH") or None)
        answer = _refusal(environ.get("REQUEST_METHOD", ""), size, max_body)
        if answer is None:
            body = environ["wsgi.input"].read(
                min(size, max_body + 1) if size is not None else max_body + 1
            )
            if len(body) > max_body:
                answer = 413, {"error": f"a webhook body is at most {max_body} bytes"}
            else:
                parsed = _event_of(body)
                answer = parsed if isinstance(parsed, tuple) else _handled(on_event, parsed)
        status, headers, content = _encoded(answer)
        start_response(
            f"{status} {REASONS[status]}", [(k.decode(), v.decode()) for k, v in headers]
        )
        return [content]

    return app


def _handled(on_event: Callable[[WebhookEvent], object], event: WebhookEvent) -> Answer:
    try:
        on_event(event)
    except Exception:
        return _failed(event)
    return 200, {"received": True}
