"""The budget guard and the throttle without a server; the guarded session on a loopback one."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from backbeat_contract.guard import (
    EVENT_STREAM_SECONDS,
    BudgetSpent,
    CreditBudget,
    GuardedSession,
    QuotaSpent,
    Throttle,
)
from backbeat_contract.spec import Spec


def test_budget_refuses_the_call_that_would_exceed_it() -> None:
    budget = CreditBudget(limit=2)
    budget.admit(1)
    budget.record(1, 200, "k", None)
    budget.admit(1)
    budget.record(1, 200, "k", None)
    with pytest.raises(BudgetSpent, match="credit budget of 2 spent"):
        budget.admit(1)
    budget.admit(0)  # free calls always pass


def test_failed_calls_are_not_counted_but_observed_charges_are() -> None:
    budget = CreditBudget(limit=2)
    budget.record(1, 400, "k", 10)
    assert budget.spent == 0
    budget.record(1, 400, "k", 8)  # the server charged two failures after all
    assert budget.spent == 2
    with pytest.raises(BudgetSpent):
        budget.admit(1)


def test_no_limit_means_no_refusal() -> None:
    budget = CreditBudget(limit=None)
    budget.record(5, 200, "k", None)
    budget.admit(1000)


def _response(status: int, **headers: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers)
    return response


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_throttle_paces_to_the_announced_limit() -> None:
    clock = FakeClock()
    throttle = Throttle("X-RateLimit-Limit", clock=clock, sleep=clock.sleep)
    throttle.wait()
    throttle.learn(_response(200, **{"X-RateLimit-Limit": "6"}))
    throttle.wait()
    assert clock.slept == [10.0]


def test_throttle_waits_retry_after_and_refuses_endless_waits() -> None:
    clock = FakeClock()
    throttle = Throttle("X-RateLimit-Limit", clock=clock, sleep=clock.sleep)
    throttle.learn(_response(429, **{"Retry-After": "7"}))
    assert clock.slept == [7.0]
    with pytest.raises(QuotaSpent):
        throttle.learn(_response(429, **{"Retry-After": "86400"}))


@contextmanager
def guarded_session_to(
    handler: type[BaseHTTPRequestHandler],
) -> Iterator[tuple[str, GuardedSession]]:
    """A loopback server answering with `handler`, and a guarded session on an empty spec."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
        root = f"http://127.0.0.1:{server.server_port}"
        spec = Spec(Path("t.yaml"), document)
        yield root, GuardedSession(spec, root, CreditBudget(None), None, None)
    finally:
        server.shutdown()
        thread.join()


class QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_a_redirect_is_judged_as_sent_never_followed() -> None:
    """A 302 whose Location leaves the machine is the answer the suite judges: the guarded
    session does not follow it (nothing the suite runs may reach a non-loopback address)."""

    class Redirects(QuietHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "https://example.invalid/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

    with guarded_session_to(Redirects) as (root, session):
        response = session.get(root + "/verify")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.invalid/elsewhere"


def test_an_endless_event_stream_is_read_for_a_bounded_time() -> None:
    """A text/event-stream answer that never ends is judged on what arrived within a few
    seconds: the run goes on."""

    class Streams(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                while True:
                    event = b"data: tick\n\n"
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
                    self.wfile.flush()
                    time.sleep(0.1)  # the server's own pace, not the test's wait
            except OSError:
                return

    with guarded_session_to(Streams) as (root, session):
        started = time.monotonic()
        response = session.get(root + "/progress/stream", timeout=30)
        took = time.monotonic() - started
    assert response.content.startswith(b"data: tick\n\n")
    assert took < EVENT_STREAM_SECONDS + 5
