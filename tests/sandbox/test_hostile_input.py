"""Hostile input never earns a 5xx: not on the request that carries it, and not on any later
read of the same account (text that is stored can be sent back).

A property over every operation of both APIs: the operation's documented example request with
one field (or the whole body) replaced by a hostile value: lone surrogates, NUL, bidi
controls, 1 MB strings, numbers JSON allows but floats cannot hold (1e400), -0, 2^64, and
wrong shapes. Then the account's reads: Trackyard ``/me`` and ``/usage``, MusicGPT ``byUser``
and ``byId`` of every task it started.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from backbeat_sandbox import create_app
from backbeat_sandbox.engine import ApiService
from backbeat_sandbox.spec import Operation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from tests.sandbox.conftest import FakeClock

HOSTILE_TEXTS = ["\ud800", "a\udfffb", "nul\x00inside", "\u202e\u2066bidi\u2069\u202c",
                 "x" * 1_000_000, "\U0001f600", "", "\r\nX-Injected: 1"]  # fmt: skip
RAW_NUMBERS = ["1e400", "-1e400", "-0", "-0.0", "18446744073709551616", "1e-400", "9" * 400]
SHAPES: list[Any] = [[], {}, None, 0, [[[[[]]]]], {"a": {"b": {"c": []}}}]
QUERY_CHARS = 16_000
SERVER_ERROR_PROVOCATION = "trk_server_error"  # Trackyard's documented way to get a 500
_TOKENS = itertools.count()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[TestClient]:
    with TestClient(create_app(clock=FakeClock()), raise_server_exceptions=False) as client:
        yield client


def _services(client: TestClient) -> list[ApiService]:
    services: list[ApiService] = client.app.state.services  # type: ignore[attr-defined]
    return services


OPERATIONS: list[tuple[str, str]] = [
    (service.spec.base_path, op.operation_id)
    for service in _services(TestClient(create_app(clock=FakeClock())))
    for op in service.spec.operations
]


def hostile_value() -> st.SearchStrategy[Any]:
    fixed = [*HOSTILE_TEXTS, *(RawNumber(text) for text in RAW_NUMBERS), *SHAPES]
    return st.sampled_from(fixed) | st.text(max_size=8)


class RawNumber:
    """A number written into the JSON text as is (``1e400`` has no Python float)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"RawNumber({self.text[:20]!r})"


def _json_text(value: Any) -> bytes:
    raws: dict[str, str] = {}

    def placeholder(raw: RawNumber) -> str:
        name = f"__raw{len(raws)}__"
        raws[name] = raw.text
        return name

    def swap(item: Any) -> Any:
        if isinstance(item, RawNumber):
            return placeholder(item)
        if isinstance(item, dict):
            return {key: swap(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [swap(inner) for inner in item]
        return item

    text = json.dumps(swap(value))  # ensure_ascii: a lone surrogate travels as its escape
    for name, raw in raws.items():
        text = text.replace(f'"{name}"', raw)
    return text.encode("ascii")


def _form_text(value: Any) -> bytes:
    if isinstance(value, RawNumber):
        return value.text.encode()
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")  # invalid UTF-8 on purpose
    return json.dumps(value).encode()


def _operation(service: ApiService, operation_id: str) -> Operation:
    return next(op for op in service.spec.operations if op.operation_id == operation_id)


def _example_request(service: ApiService, op: Operation) -> tuple[dict[str, Any], str, Any]:
    """The documented example: query parameters, body media type and body."""
    spec = service.spec
    query: dict[str, Any] = {}
    for parameter in (spec.resolve(p) for p in op.node.get("parameters", [])):
        if parameter.get("in") == "query":
            schema = spec.resolve(parameter.get("schema", {}))
            example = parameter.get("example", schema.get("example", schema.get("default")))
            if example is not None:
                query[parameter["name"]] = example
    declared = op.node.get("requestBody")
    if declared is None:
        return query, "", None
    media_type, media = next(iter(spec.resolve(declared)["content"].items()))
    examples = media.get("examples", {})
    body = spec.resolve(next(iter(examples.values()))).get("value") if examples else {}
    return query, media_type, body


def _send(client: TestClient, service: ApiService, op: Operation, key: str, request: Any) -> Any:
    query, media_type, body = request
    headers = {"Authorization": f"Bearer {key}" if service.spec.security.prefix else key}
    url = service.spec.base_path + op.path
    # httpx refuses a query over 64 KiB: a long string travels cut to fit
    params = {name: _form_text(value)[:QUERY_CHARS].decode("utf-8", "replace")
              for name, value in query.items()}  # fmt: skip
    if media_type == "application/json":
        headers["Content-Type"] = "application/json"
        return client.request(op.method, url, params=params, headers=headers,
                              content=_json_text(body))  # fmt: skip
    if media_type:
        fields = body if isinstance(body, dict) else {"body": body}
        files: dict[str, tuple[str | None, bytes]] = {
            name: (None, _form_text(value)) for name, value in fields.items()
        }
        return client.request(op.method, url, params=params, headers=headers,
                              files=files or {"unused": ("", b"")})  # fmt: skip
    return client.request(op.method, url, params=params, headers=headers)


def _reads(client: TestClient, service: ApiService, key: str) -> list[Any]:
    base = service.spec.base_path
    if service.spec.security.prefix:  # Trackyard
        headers = {"Authorization": f"Bearer {key}"}
        return [client.get(f"{base}/me", headers=headers),
                client.get(f"{base}/usage", params={"limit": 100}, headers=headers)]  # fmt: skip
    headers = {"Authorization": key}
    answers = [client.get(f"{base}/v1/byUser", params={"limit": 100}, headers=headers)]
    for record in answers[0].json().get("conversions", []):
        answers.append(client.get(f"{base}/v1/byId", headers=headers, params={
            "task_id": record["task_id"], "conversionType": record["feature"]}))  # fmt: skip
    return answers


def _variants(request: tuple[dict[str, Any], str, Any], value: Any) -> Iterator[Any]:
    """The example with `value` in each place in turn: every query parameter, every body
    field, a field the spec does not name, and the whole body."""
    query, media_type, body = request
    for name in query:
        yield {**query, name: value}, media_type, body
    if isinstance(body, dict):
        for name in body:
            yield query, media_type, {**body, name: value}
        yield query, media_type, {**body, "unexpected_field": value}
    if media_type:
        yield query, media_type, value


@pytest.mark.parametrize("target", OPERATIONS, ids=[op for _, op in OPERATIONS])
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=hostile_value())
def test_hostile_input_never_earns_a_5xx_now_or_on_later_reads(
    sandbox: TestClient, target: tuple[str, str], value: Any
) -> None:
    base_path, operation_id = target
    service = next(s for s in _services(sandbox) if s.spec.base_path == base_path)
    op = _operation(service, operation_id)
    magic = "ty_test_pro" if service.spec.security.prefix else "mg_test_load"
    key = f"{magic}_{next(_TOKENS)}"
    for request in _variants(_example_request(service, op), value):
        if SERVER_ERROR_PROVOCATION in json.dumps(request, default=repr):
            continue
        answer = _send(sandbox, service, op, key, request)
        assert answer.status_code < 500, (operation_id, request, answer.text[:300])
    for later in _reads(sandbox, service, key):
        assert later.status_code < 500, (operation_id, later.url, later.text[:300])
        later.json()  # valid JSON, in UTF-8


def test_a_lone_surrogate_prompt_is_refused_and_the_account_stays_readable(
    sandbox: TestClient,
) -> None:
    key = "mg_test_pro_surrogate"
    raw = b'{"prompt": "a song \\ud800", "music_style": "Pop"}'
    headers = {"Authorization": key, "Content-Type": "application/json"}
    answer = sandbox.post("/api/public/v2/MusicAI", content=raw, headers=headers)
    assert answer.status_code == 400
    assert answer.json() == {
        "success": False,
        "error": "body.prompt: not valid Unicode text (a lone surrogate escape)",
    }
    listed = sandbox.get("/api/public/v1/byUser", headers={"Authorization": key})
    assert listed.status_code == 200
    assert listed.json()["conversions"] == []
