"""Webhooks: every operation with `x-webhook` is started once with its callback field
(`x-webhook-url-field`) pointing at a receiver on 127.0.0.1, and every payload that arrives is
checked against the schema of the spec's `webhooks` entry the operation names.

Only a target on this machine can reach the receiver, so only such a target is asked: the suite
never hands a server a callback URL elsewhere, and never asks a remote server to call back.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from jsonschema.exceptions import best_match

from backbeat_contract.calls import Call
from backbeat_contract.harness import Answer, Harness
from backbeat_contract.receiver import Delivery, Receiver, receiving
from backbeat_contract.spec import Operation

# How long the suite waits for the webhooks it asked for (all operations together). The
# embedded sandbox completes its tasks within seconds (`--task-seconds`).
WAIT_SECONDS = 20.0


@dataclass(frozen=True)
class Started:
    """The request that asked for an operation's webhook, or why none was sent."""

    call: Call | None
    expected: int = 0
    reason: str = ""


@pytest.fixture(scope="module")
def webhook_run(harness: Harness) -> Iterator[tuple[Receiver, dict[str, Started]]]:
    reason = _unreachable(harness)
    if reason:
        pytest.skip(reason)
    with receiving() as receiver:
        started = {op.operation_id: _start(harness, receiver, op) for op in _senders(harness)}
        expected = {op: s.expected for op, s in started.items() if s.call is not None}
        waited = receiver.wait(expected, WAIT_SECONDS)
        harness.ledger.note(
            f"webhooks: {len(expected)} tasks started with a callback URL on 127.0.0.1; "
            f"waited {waited:.1f} s of at most {WAIT_SECONDS:.0f} s for their POSTs"
        )
        yield receiver, started


def _senders(h: Harness) -> list[Operation]:
    return [op for op in h.spec.operations if op.webhook is not None]


def _unreachable(h: Harness) -> str | None:
    if not _senders(h):
        return "no operation names a webhook (x-webhook)"
    host = urlsplit(h.settings.base_url).hostname or ""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass
    return f"the target {host} is not on this machine: it could not reach a local receiver"


def _start(h: Harness, receiver: Receiver, operation: Operation) -> Started:
    field = operation.webhook_url_field
    if field is None:
        return Started(None, reason="no x-webhook-url-field names the request's callback field")
    try:
        call = h.valid(operation, "scenario")
    except pytest.skip.Exception as skipped:
        return Started(None, reason=str(skipped.msg))
    call = call.tweaked({"body": {field: receiver.url(operation.operation_id)}})
    response = h.send(call)
    if response.status_code != operation.success_status:
        return Started(None, reason=f"the request asking for it answered {response.status_code}")
    return Started(call, expected=operation.outputs or 1)


def test_webhook(
    harness: Harness,
    webhook_operation: Operation,
    webhook_run: tuple[Receiver, dict[str, Started]],
) -> None:
    receiver, started = webhook_run
    operation = webhook_operation
    start = started[operation.operation_id]
    if start.call is None:
        pytest.skip(start.reason)
    deliveries = receiver.deliveries(operation.operation_id)
    if len(deliveries) < start.expected:
        harness.violate(
            start.call,
            None,
            "webhook-delivered",
            f"{len(deliveries)} POST(s) to the callback URL within {WAIT_SECONDS:.0f} s, "
            f"expected at least {start.expected} (one per output)",
        )
    for number, delivery in enumerate(deliveries, start=1):
        _judge(harness, operation, start.call, delivery, number)
    found = [
        f"[{v.point}] {v.reason}"
        for v in harness.ledger.violations
        if v.operation == operation.operation_id and v.point.startswith("webhook-")
    ]
    assert not found, "; ".join(found)


def _judge(h: Harness, operation: Operation, call: Call, delivery: Delivery, number: int) -> None:
    """Check one POST against the `webhooks` entry's schema; keep it as evidence."""
    name = str(operation.webhook)
    what = f"webhook {number} ({name}) received at the callback URL"
    problem = _payload_problem(h, name, delivery)
    if problem is not None:
        h.violate(call, None, "webhook-schema", f"{what}: {problem}")
    status = operation.success_status or 200
    headers = (("Content-Type", delivery.content_type),)
    answer = Answer(status, headers, delivery.body)
    h.witness(operation.operation_id, status, what, h.curl(call), answer)


def _payload_problem(h: Harness, name: str, delivery: Delivery) -> str | None:
    if delivery.content_type.split(";")[0].strip().lower() != "application/json":
        return f"Content-Type {delivery.content_type or '(none)'!r}, documented application/json"
    try:
        payload = json.loads(delivery.body)
    except ValueError:
        return "the payload is not JSON"
    validator = h.spec.webhook_validator(name)
    error = best_match(validator.iter_errors(payload)) if validator else None
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"payload at {where}: {error.message}"[:300]
