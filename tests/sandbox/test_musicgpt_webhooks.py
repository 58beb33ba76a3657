"""Webhooks from the sandbox: delivered to a local receiver in the shape the spec's `webhooks`
describe, after polling or on the clock; refused for non-loopback hosts unless allowed.

The receiver is a tiny HTTP server on a free 127.0.0.1 port. The only non-loopback host any test
names is under the reserved `.invalid` domain, and respx stands guard so that a bug could not
reach it anyway.
"""

from __future__ import annotations

import http.server
import json
import logging
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from backbeat_pytest import running_sandbox
from backbeat_pytest.launcher import free_port
from backbeat_sandbox import create_app
from starlette.testclient import TestClient

from tests.sandbox.conftest import FakeClock
from tests.sandbox.musicgpt_spec import (
    TASKS,
    conversion_ids,
    fact,
    poll,
    start,
    webhook_validator,
)

WAIT_SECONDS = 10.0
KEY = "mg_test_load_hooks"


class Receiver:
    """Collects the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: queue.Queue[tuple[str, Any]] = queue.Queue()
        received = self.bodies

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                received.put((self.path, json.loads(raw)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, host: str = "127.0.0.1", path: str = "/hook") -> str:
        return f"http://{host}:{self.port}{path}"

    def take(self, count: int) -> list[tuple[str, Any]]:
        deadline = time.monotonic() + WAIT_SECONDS
        taken = []
        while len(taken) < count:
            taken.append(self.bodies.get(timeout=max(0.01, deadline - time.monotonic())))
        return taken

    def nothing_more(self, client: TestClient) -> bool:
        """Whether nothing arrived beyond what was taken, once every delivery the app has
        queued so far has been sent or given up (an event, not a sleep): the receiver holds a
        body before it answers, and the courier counts a delivery done after the answer."""
        settle(client)
        return self.bodies.empty()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def settle(client: TestClient) -> None:
    """Wait, on the app's own event loop, until its couriers have nothing queued or under way."""
    assert client.portal is not None, "use the TestClient as a context manager"
    for service in client.app.services:  # type: ignore[attr-defined]
        client.portal.call(service.courier.wait_idle)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    yield served
    served.close()


def _check_payloads(operation_id: str, started: dict[str, Any], bodies: list[Any]) -> None:
    validator = webhook_validator(fact(operation_id, "x-webhook"))
    for body in bodies:
        assert not [e.message for e in validator.iter_errors(body)], body
        assert body["task_id"] == started["task_id"]
    ids = conversion_ids(operation_id, started)
    if all("conversion_id" in body for body in bodies):
        assert [body["conversion_id"] for body in bodies] == ids


def test_a_polled_task_delivers_its_webhook_to_a_local_receiver(
    client: TestClient, receiver: Receiver
) -> None:
    """For every operation that starts a task, each on a freshly reset sandbox."""
    for operation_id in TASKS:
        assert client.post("/_sandbox/reset").status_code == 200
        _a_polled_task_delivers_its_webhook(client, receiver, operation_id)


def _a_polled_task_delivers_its_webhook(
    client: TestClient, receiver: Receiver, operation_id: str
) -> None:
    started = start(client, KEY, operation_id, webhook_url=receiver.url()).json()
    first = poll(client, KEY, operation_id, started["task_id"])
    assert first.json()["conversion"]["status"] == "IN_PROGRESS"
    assert receiver.nothing_more(client), "nothing before the task completes"
    poll(client, KEY, operation_id, started["task_id"])
    bodies = [body for path, body in receiver.take(fact(operation_id, "x-outputs"))]
    _check_payloads(operation_id, started, bodies)
    poll(client, KEY, operation_id, started["task_id"])
    assert receiver.nothing_more(client), "a task delivers once"


def test_a_task_delivers_on_the_clock_without_polling(
    client: TestClient, clock: FakeClock, receiver: Receiver
) -> None:
    started = start(client, KEY, "remixSong", webhook_url=receiver.url(path="/a?b=1")).json()
    tick(client)  # the clock has not moved: a tick finishes nothing
    assert receiver.nothing_more(client)
    clock.advance(started["eta"])
    delivered = receiver.take(2)
    assert {path for path, _ in delivered} == {"/a?b=1"}
    _check_payloads("remixSong", started, [body for _, body in delivered])


def test_a_task_without_a_webhook_url_sends_nothing(
    client: TestClient, clock: FakeClock, receiver: Receiver
) -> None:
    started = start(client, KEY, "coverSong").json()
    assert "webhook_url" not in started
    clock.advance(started["eta"])
    tick(client)
    assert poll(client, KEY, "coverSong", started["task_id"]).json()["conversion"]["status"] == (
        "COMPLETED"
    )
    assert receiver.nothing_more(client)


def test_a_non_loopback_webhook_url_is_refused_and_never_contacted(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="backbeat_sandbox.webhooks")
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as guard:
        anything = guard.route().respond(204)
        url = "http://hooks.invalid/x?token=secret-in-query"
        started = start(client, KEY, "coverSong", webhook_url=url).json()
        for _ in range(2):
            poll(client, KEY, "coverSong", started["task_id"])
        settle(client)
    assert not anything.called, "the sandbox must not even try a non-loopback host"
    (refusal,) = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert "hooks.invalid is not a loopback host" in refusal
    assert "--webhook-allow-host hooks.invalid" in refusal
    assert "secret-in-query" not in caplog.text
    assert KEY not in caplog.text
    # the server carries on
    assert start(client, KEY, "coverSong").status_code == 200


def tick(client: TestClient) -> None:
    """Move every task on by the app's clock now, as the served sandbox's ticker does."""
    assert client.portal is not None
    for service in client.app.services:  # type: ignore[attr-defined]
        client.portal.call(service.tick)


def _loopback_alias_app(allowed: list[str], clock: FakeClock) -> TestClient:
    return TestClient(create_app(clock=clock, webhook_allow_hosts=allowed))


def test_the_allow_flag_opens_a_host(receiver: Receiver, caplog: pytest.LogCaptureFixture) -> None:
    # 0.0.0.0 reaches this machine, but it is no loopback address: refused unless allowed.
    alias = receiver.url(host="0.0.0.0")
    caplog.set_level(logging.WARNING, logger="backbeat_sandbox.webhooks")
    for allowed, delivered in (([], False), (["0.0.0.0"], True)):
        with _loopback_alias_app(allowed, FakeClock()) as client:
            started = start(client, KEY, "denoiseAudio", webhook_url=alias).json()
            for _ in range(2):
                poll(client, KEY, "denoiseAudio", started["task_id"])
            if delivered:
                ((_, body),) = receiver.take(1)
                _check_payloads("denoiseAudio", started, [body])
            else:
                assert receiver.nothing_more(client)
                assert "0.0.0.0 is not a loopback host" in caplog.text


def test_a_failed_delivery_is_logged_and_blocks_nothing(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="backbeat_sandbox.webhooks")
    closed = f"http://127.0.0.1:{free_port()}/nobody-listens"
    started = start(client, KEY, "coverSong", webhook_url=closed).json()
    for _ in range(2):
        poll(client, KEY, "coverSong", started["task_id"])
    settle(client)  # every attempt made and given up
    assert "webhook for coverSong task" in caplog.text
    assert "ConnectError" in caplog.text
    assert KEY not in caplog.text
    assert start(client, KEY, "coverSong").status_code == 200


@pytest.mark.slow
def test_a_served_sandbox_delivers_unpolled_with_its_flags(receiver: Receiver) -> None:
    flags = ["--task-seconds", "0.5", "--webhook-allow-host", "0.0.0.0"]
    with running_sandbox(flags) as sandbox:
        response = httpx.post(
            f"{sandbox.musicgpt_url}/v1/Cover",
            headers={"Authorization": KEY},
            data={"audio_url": "https://example.org/a.mp3", "voice_id": "Drake",
                  "webhook_url": receiver.url(host="0.0.0.0")},
            files={"unused": ("", b"")},
            timeout=10,
        )  # fmt: skip
        assert response.status_code == 200, response.text
        started = response.json()
        assert started["eta"] == 1
        ((_, body),) = receiver.take(1)
        _check_payloads("coverSong", started, [body])
