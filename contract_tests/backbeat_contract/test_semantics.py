"""Semantic rules schemathesis cannot know: credits, rate-limit counters, downloads."""

from __future__ import annotations

import itertools
import re

import pytest
import requests

from backbeat_contract import meters
from backbeat_contract.calls import Call, invalid_tweak
from backbeat_contract.conformance import media_type
from backbeat_contract.harness import Harness
from backbeat_contract.spec import Operation

CALLS_TO_WATCH = 3
DISPOSITION = re.compile(r"^\s*attachment\s*;.*filename\*?=", re.IGNORECASE)


def _balance(h: Harness, response: requests.Response) -> int | None:
    raw = response.headers.get(h.spec.meter_headers.get("credits") or "", "")
    return int(raw) if raw.strip().isdigit() else None


def _require_success(h: Harness, operation: Operation, response: requests.Response) -> None:
    if response.status_code != operation.success_status:
        pytest.skip(f"a valid request answered {response.status_code}: nothing to measure")


def _succeeded(h: Harness, operation: Operation) -> tuple[Call, requests.Response]:
    """A valid request and its answer; the test is skipped unless it succeeded."""
    call = h.valid(operation, "scenario")
    response = h.send(call)
    _require_success(h, operation, response)
    return call, response


def _paid(h: Harness) -> list[Operation]:
    return [op for op in h.spec.operations if op.credit_cost]


def test_credits_charged_only_on_success(harness: Harness) -> None:
    h = harness
    name = h.spec.meter_headers.get("credits")
    if not name:
        pytest.skip("the API documents no balance header to measure charges with")
    for operation in _paid(h):
        tweak = invalid_tweak(operation)
        success = h.valid(operation, "scenario")
        failure = success.tweaked(tweak) if tweak else success.with_key(None)
        first = h.send(success)
        _require_success(h, operation, first)
        before = _balance(h, first)
        failed = h.send(failure)
        after_failure = _balance(h, failed)
        second = h.send(success)
        after_success = _balance(h, second)
        if before is None or after_success is None:
            h.violate(success, operation.success_status, "credits-header", f"{name} missing")
            continue
        if after_failure is not None and after_failure != before:
            h.violate(
                failure,
                failed.status_code,
                "credits-charged-on-failure",
                f"a {failed.status_code} moved {name} from {before} to {after_failure}",
            )
        expected = before - operation.credit_cost
        if second.status_code == operation.success_status and after_success != expected:
            h.violate(
                success,
                operation.success_status,
                "credits-charged-on-success",
                f"a success moved {name} from {before} to {after_success}, "
                f"x-credit-cost says {operation.credit_cost}",
            )
    _assert_points(h, "credits-")


def test_ratelimit_remaining_decreases(harness: Harness) -> None:
    h = harness
    header = h.spec.meter_headers.get("remaining")
    if not header:
        pytest.skip("the API documents no remaining-requests header")
    operation = min(h.spec.operations, key=lambda op: op.credit_cost)
    call = h.valid(operation, "scenario")
    seen = [_remaining(h, h.send(call), header)]
    if seen[0] < CALLS_TO_WATCH:
        pytest.skip(f"{header} is {seen[0]}: too few requests left to watch it move")
    # Back to back: a paced run would let a sliding window refill between the calls.
    with h.session.unpaced():
        seen += [_remaining(h, h.send(call), header) for _ in range(CALLS_TO_WATCH - 1)]
    if not all(later < earlier for earlier, later in itertools.pairwise(seen)):
        h.violate(
            call,
            operation.success_status,
            "ratelimit-remaining-decreases",
            f"{header} went {seen} across {CALLS_TO_WATCH} back-to-back calls",
        )
    _assert_points(h, "ratelimit-remaining-decreases")


def _remaining(h: Harness, response: requests.Response, header: str) -> int:
    left = meters.read(response.headers, "remaining", (header,))
    if response.status_code == 429 or left is None:
        pytest.skip(f"no {header} to follow (status {response.status_code})")
    return left


def test_download_is_an_attachment(harness: Harness) -> None:
    h = harness
    downloads = [op for op in h.spec.operations if _is_download(op)]
    if not downloads:
        pytest.skip("the API has no binary download that documents its Content-Disposition")
    for operation in downloads:
        call, response = _succeeded(h, operation)
        documented = operation.media_types(response.status_code)
        actual = media_type(response)
        if actual not in documented:
            h.violate(
                call,
                operation.success_status,
                "download-content-type",
                f"Content-Type {actual!r}, documented {list(documented)}",
            )
        disposition = response.headers.get("Content-Disposition", "")
        if not DISPOSITION.match(disposition):
            h.violate(
                call,
                operation.success_status,
                "download-content-disposition",
                f"Content-Disposition {disposition!r} is not an attachment with a filename",
            )
    _assert_points(h, "download-")


def test_start_answers_keep_the_task_extensions(harness: Harness) -> None:
    """A start answer names `x-outputs` distinct conversion ids and reports `x-credit-estimate`
    as its `credit_estimate` (the MusicGPT task vocabulary, docs/spec-extensions.md)."""
    h = harness
    tasks = [op for op in h.spec.operations if op.outputs or op.credit_estimate is not None]
    if not tasks:
        pytest.skip("no operation states x-outputs or x-credit-estimate")
    for operation in tasks:
        call, response = _succeeded(h, operation)
        body = _json_object(response)
        status = operation.success_status
        if operation.outputs:
            names = _output_fields(operation.outputs)
            ids = {body.get(name) for name in names} - {None, ""}
            if len(ids) != operation.outputs:
                h.violate(
                    call,
                    status,
                    "outputs",
                    f"x-outputs is {operation.outputs}, but {', '.join(names)} name "
                    f"{len(ids)} distinct id(s): {[body.get(n) for n in names]}",
                )
        estimate = body.get("credit_estimate")
        expected = operation.credit_estimate
        if expected is not None and not (
            isinstance(estimate, int | float) and abs(estimate - expected) < ESTIMATE_TOLERANCE
        ):
            h.violate(
                call,
                status,
                "credit-estimate",
                f"credit_estimate is {estimate!r}, x-credit-estimate says {expected}",
            )
    _assert_points(h, "outputs", "credit-estimate")


ESTIMATE_TOLERANCE = 1e-9


def _output_fields(outputs: int) -> list[str]:
    """Where a start answer names its outputs: `conversion_id`, or `conversion_id_1`..`_N`."""
    if outputs == 1:
        return ["conversion_id"]
    return [f"conversion_id_{n}" for n in range(1, outputs + 1)]


def _json_object(response: requests.Response) -> dict[str, object]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _is_download(operation: Operation) -> bool:
    """A binary download whose success documents its Content-Disposition (the rule checks
    what the spec states: an attachment with a file name)."""
    status = operation.success_status
    if status is None or not any(mt.startswith("audio/") for mt in operation.media_types(status)):
        return False
    return any(h.name.lower() == "content-disposition" for h in operation.headers(status))


def _assert_points(h: Harness, *prefixes: str) -> None:
    found = [v for v in h.ledger.violations if v.point.startswith(prefixes)]
    assert not found, "; ".join(f"{v.operation} [{v.point}] {v.reason}" for v in found)
