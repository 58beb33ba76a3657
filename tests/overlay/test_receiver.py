"""`webhook_app` (ASGI) and `webhook_wsgi_app`: typed events to a callback, HTTP answers."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from backbeat.musicgpt import WebhookEvent, webhook_app, webhook_wsgi_app
from backbeat.musicgpt_webhooks import StemsEvent

STEMS = {
    "success": True,
    "conversion_type": "Extraction",
    "task_id": "task-7",
    "conversion_id": "conv-7",
    "audio_url": json.dumps({"vocals": "https://cdn.test/v.mp3"}),
    "conversion_cost": "5.55",
}


def _post_async(app: Any, body: bytes, method: str = "POST") -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hook.test") as client:
            return await client.request(method, "/hook", content=body)

    return asyncio.run(call())


def _post_wsgi(app: Any, body: bytes, method: str = "POST") -> httpx.Response:
    transport = httpx.WSGITransport(app=app)
    with httpx.Client(transport=transport, base_url="http://hook.test") as client:
        return client.request(method, "/hook", content=body)


Post = Callable[..., httpx.Response]


def _apps(on_event: Callable[[WebhookEvent], object]) -> list[tuple[Any, Post]]:
    return [(webhook_app(on_event), _post_async), (webhook_wsgi_app(on_event), _post_wsgi)]


def test_a_delivery_reaches_the_callback_as_a_typed_event() -> None:
    received: list[WebhookEvent] = []
    for app, post in _apps(received.append):
        response = post(app, json.dumps(STEMS).encode())
        assert (response.status_code, response.json()) == (200, {"received": True})
    assert [type(event) for event in received] == [StemsEvent, StemsEvent]
    assert received[0].stems == {"vocals": "https://cdn.test/v.mp3"}  # type: ignore[attr-defined]
    assert received[0].conversion_cost == 5.55


def test_an_async_callback_is_awaited() -> None:
    received: list[str] = []

    async def on_event(event: WebhookEvent) -> None:
        await asyncio.sleep(0)
        received.append(event.task_id)

    assert _post_async(webhook_app(on_event), json.dumps(STEMS).encode()).status_code == 200
    assert received == ["task-7"]


@pytest.mark.parametrize(
    ("body", "method", "status"),
    [
        (b"not json", "POST", 400),
        (b"[1, 2]", "POST", 400),
        (b'{"conversion_type": "Extraction"}', "POST", 400),  # no task_id
        (b"", "GET", 405),
        (b"x" * 2_000_000, "POST", 413),
    ],
    ids=["not JSON", "not an object", "no task_id", "GET", "too large"],
)
def test_what_is_not_a_webhook_is_refused_and_never_reaches_the_callback(
    body: bytes, method: str, status: int
) -> None:
    received: list[WebhookEvent] = []
    for app, post in _apps(received.append):
        response = post(app, body, method)
        assert response.status_code == status
        assert "error" in response.json()
        if status == 405:
            assert response.headers["allow"] == "POST"
    assert received == []


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_failing_callback_answers_500_so_the_sender_may_retry() -> None:
    def on_event(event: WebhookEvent) -> None:
        raise RuntimeError("database down")

    kept = _Kept()
    logger = logging.getLogger("backbeat")
    logger.addHandler(kept)
    try:
        for app, post in _apps(on_event):
            assert post(app, json.dumps(STEMS).encode()).status_code == 500
    finally:
        logger.removeHandler(kept)
    # (Other tests' keys are scrubbed from every record too: match loosely.)
    assert len(kept.lines) == 2
    assert all("on_event raised for" in line for line in kept.lines)
