"""Conformance judgements and report rendering, on hand-made responses (no server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from backbeat_contract.calls import Call
from backbeat_contract.conformance import problems
from backbeat_contract.spec import Spec
from backbeat_contract.valid import Builder

from tests.contract.documents import loaded
from tests.contract.suite_runs import REPO as REPO_ROOT

RATE_HEADERS = {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0", "X-Credits-Remaining": "4"}
ERROR = {"error": "Too Many Requests", "message": "Rate limit exceeded"}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return Spec.load(REPO_ROOT / "openapi.yaml")


def _response(status: int, body: object, **headers: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update({"Content-Type": "application/json", **headers})
    response._content = json.dumps(body).encode()
    response.request = requests.Request("GET", "http://api.example/me").prepare()
    return response


def _points(spec: Spec, status: int, response: requests.Response) -> list[str]:
    operation = spec.operation("getMe")
    case = Builder(spec).case(Call(operation, None))
    return [point for point, _ in problems(operation, status, response, case)]


def test_a_conforming_429_has_no_problems(spec: Spec) -> None:
    response = _response(429, ERROR, **RATE_HEADERS, **{"Retry-After": "30"})
    assert _points(spec, 429, response) == []


@pytest.mark.parametrize(
    ("change", "point"),
    [
        ({"Retry-After": None}, "header:Retry-After"),
        ({"Retry-After": "soon"}, "header:Retry-After"),
        ({"Retry-After": "90000"}, "header:Retry-After"),
        ({"X-RateLimit-Remaining": "2"}, "header:X-RateLimit-Remaining"),
        ({"X-Credits-Remaining": "-1"}, "header:X-Credits-Remaining"),
        ({"Content-Type": "text/plain"}, "content-type"),
    ],
)
def test_each_broken_promise_of_a_429_is_named(
    spec: Spec, change: dict[str, str | None], point: str
) -> None:
    headers = {**RATE_HEADERS, "Retry-After": "30", **change}
    response = _response(429, ERROR, **{k: v for k, v in headers.items() if v is not None})
    assert point in _points(spec, 429, response)


def test_an_error_body_without_message_breaks_the_schema(spec: Spec) -> None:
    response = _response(
        429, {"error": "Too Many Requests"}, **RATE_HEADERS, **{"Retry-After": "1"}
    )
    assert _points(spec, 429, response) == ["body-schema"]


def test_an_unexpected_status_is_reported_alone(spec: Spec) -> None:
    assert problems(spec.operation("getMe"), 401, _response(200, {})) == [
        ("status", "expected 401, got 200")
    ]


def test_a_header_rule_the_spec_does_not_state_never_fires(tmp_path: Path) -> None:
    """A third-party spec documents X-RateLimit-Remaining on its 429 (example 3) without saying
    it must be 0 there: a 429 carrying the spec's own example breaks nothing."""
    too_many = {
        "description": "Slow down.",
        "headers": {
            "X-RateLimit-Remaining": {"schema": {"type": "integer", "minimum": 0}, "example": 3},
            "Retry-After": {"schema": {"type": "integer"}, "example": 90000},
        },
    }
    responses = {"200": {"description": "ok"}, "429": too_many}
    spec = loaded(
        tmp_path, {"/items": {"get": {"operationId": "listItems", "responses": responses}}}
    )
    operation = spec.operation("listItems")
    response = _response(429, {}, **{"X-RateLimit-Remaining": "3", "Retry-After": "90000"})
    assert problems(operation, 429, response, Builder(spec).case(Call(operation, None))) == []
