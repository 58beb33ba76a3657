"""Rate-limit meters in every shape servers send them, the IETF RateLimit fields included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backbeat_contract import meters
from backbeat_contract.guard import Throttle
from backbeat_contract.spec import Spec
from requests import Response
from requests.structures import CaseInsensitiveDict


@pytest.mark.parametrize(
    ("headers", "limit", "remaining", "window"),
    [
        ({"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "3"}, 5, 3, None),
        ({"RateLimit-Limit": "100", "RateLimit-Remaining": "7", "RateLimit-Policy": "100;w=60"},
         100, 7, 60),
        ({"RateLimit": "limit=100, remaining=50, reset=30"}, 100, 50, None),
        ({"RateLimit": '"default";r=50;t=30', "RateLimit-Policy": '"default";q=100;w=10'},
         100, 50, 10),
        ({}, None, None, None),
    ],
)  # fmt: skip
def test_every_published_shape_of_the_meters_is_read(
    headers: dict[str, str], limit: int | None, remaining: int | None, window: int | None
) -> None:
    names = ("X-RateLimit-Limit", "RateLimit-Limit")
    view = CaseInsensitiveDict(headers)
    assert meters.read(view, "limit", names) == limit
    remaining_names = ("X-RateLimit-Remaining", "RateLimit-Remaining")
    assert meters.read(view, "remaining", remaining_names) == remaining
    assert meters.window_seconds(view) == window


def test_the_live_throttle_paces_to_the_ietf_policy() -> None:
    response = Response()
    response.status_code = 200
    response.headers = CaseInsensitiveDict(
        {"RateLimit": '"default";r=9;t=1', "RateLimit-Policy": '"default";q=10;w=20'}
    )
    throttle = Throttle(None)
    throttle.learn(response)
    assert throttle.interval == 2.0


def test_a_spec_documenting_the_ietf_fields_names_them_as_its_meters(tmp_path: Path) -> None:
    headers = {name: {"schema": {"type": "string"}} for name in ("RateLimit", "RateLimit-Policy")}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": {"description": "ok", "headers": headers}}}}},
    }  # fmt: skip
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert Spec.load(path).meter_headers == {"limit": "RateLimit-Policy", "remaining": "RateLimit"}
