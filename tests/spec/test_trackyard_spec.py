"""Trackyard's spec states exactly the project's decisions (shared/api-facts/trackyard.md)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import yaml
from backbeat_specs import Operation, Response
from openapi_spec_validator import validate

from tests.spec import spec_checks

SPEC_FILE = "openapi.yaml"
READER = spec_checks.spec(SPEC_FILE)
SPEC = READER.document
OPERATIONS = {op.operation_id: op for op in READER.operations}

RATE_LIMIT_FAMILY = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Limit-Daily",
    "X-RateLimit-Remaining-Daily",
    "X-Credits-Remaining",
)
BASE_STATUSES = {200, 401, 403, 429, 500}

# Whole seconds, at most a day: the spec states the bound the contract suite checks.
RETRY_AFTER = {"type": "integer", "minimum": 0, "maximum": 86400}


def every_response() -> list[tuple[Operation, Response]]:
    return [(op, op.response(status)) for op in READER.operations for status in op.statuses]


def test_spec_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)  # type: ignore[arg-type]


def test_servers_are_production_then_sandbox() -> None:
    assert READER.server_urls == (
        "https://api.trackyard.com/api/external/v1",
        "http://127.0.0.1:8765/api/external/v1",
    )


def test_exactly_the_four_decided_operations() -> None:
    # Decision 1: the operation inventory (the facts of each operation live in the spec).
    assert {(op.method, op.path, op.operation_id) for op in READER.operations} == {
        ("POST", "/search", "search"),
        ("POST", "/download-track", "downloadTrack"),
        ("GET", "/me", "getMe"),
        ("GET", "/usage", "listUsage"),
    }


def takes_input(op: Operation) -> bool:
    return op.request_body is not None or bool(op.parameters_in("query"))


def names_a_track(op: Operation) -> bool:
    body = op.request_body
    media = body.first if body else None
    return media is not None and "track_id" in READER.properties(media.schema)


def test_statuses_follow_the_decided_rules() -> None:
    # Decision 3: 200, 401, 403, 429 and 500 everywhere; 400 where a request carries input,
    # 402 where a call costs credits, 404 where a request names a track.
    problems = []
    for op in READER.operations:
        expected = set(BASE_STATUSES)
        expected |= {400} if takes_input(op) else set()
        expected |= {402} if op.credit_cost else set()
        expected |= {404} if names_a_track(op) else set()
        if set(op.statuses) != expected:
            problems.append(
                f"{op.operation_id}: {sorted(op.statuses)}, expected {sorted(expected)}"
            )
    spec_checks.no_problems(problems)
    assert [op.operation_id for op in READER.operations if names_a_track(op)] == ["downloadTrack"]
    assert not takes_input(OPERATIONS["getMe"])


def test_credits_are_charged_on_search_and_download_and_every_operation_is_idempotent() -> None:
    # Decisions 9 and 10: x-credit-cost 1 on the two POSTs (search, download), 0 on the free
    # reads; x-idempotent true everywhere (a failed call costs nothing).
    assert {op.operation_id: op.credit_cost for op in READER.operations} == {
        op.operation_id: 1 if op.method == "POST" else 0 for op in READER.operations
    }
    assert {op.idempotent for op in READER.operations} == {True}


def test_every_operation_requires_bearer_auth() -> None:
    assert {repr(op.security) for op in READER.operations} == {repr(({"bearerAuth": ()},))}
    scheme = READER.security_scheme
    assert scheme is not None
    assert (scheme.name, scheme.header, scheme.prefix) == ("bearerAuth", "Authorization", "Bearer")
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        **SPEC["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


def test_every_429_requires_an_integer_retry_after_and_zero_remaining() -> None:
    for op in READER.operations:
        headers = op.response(429).headers
        assert headers["Retry-After"].required is True, op.operation_id
        assert headers["Retry-After"].schema == RETRY_AFTER
        assert headers["X-RateLimit-Remaining"].schema["const"] == 0, op.operation_id


def test_every_response_documents_the_rate_limit_family() -> None:
    # Required wherever a key was identified; a 401 may have none, pro has no daily window.
    problems = []
    for op, resp in every_response():
        where = f"{op.operation_id} {resp.status}"
        if not set(RATE_LIMIT_FAMILY) <= set(resp.headers):
            problems.append(f"{where}: documents {sorted(resp.headers)}")
            continue
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Credits-Remaining"):
            if resp.headers[name].required is not (resp.status != "401"):
                problems.append(f"{where}: {name} required is {resp.headers[name].required}")
        for name in ("X-RateLimit-Limit-Daily", "X-RateLimit-Remaining-Daily"):
            if resp.headers[name].required:
                problems.append(f"{where}: {name} must be optional (pro has no daily window)")
    spec_checks.no_problems(problems)


def test_every_error_status_uses_a_shared_response_with_the_error_schema() -> None:
    problems = []
    for op, resp in every_response():
        if int(resp.status) < 400:
            continue
        where = f"{op.operation_id} {resp.status}"
        if not resp.pointer.startswith("/components/responses/"):
            problems.append(f"{where}: not a shared response ({resp.pointer})")
        if list(resp.content) != ["application/json"]:
            problems.append(f"{where}: content {list(resp.content)}")
            continue
        media = resp.content["application/json"]
        if media.node["schema"] != {"$ref": "#/components/schemas/Error"}:
            problems.append(f"{where}: schema {media.node['schema']}")
        if not media.node.get("examples"):
            problems.append(f"{where}: each error needs a realistic example")
    spec_checks.no_problems(problems)


def test_error_schema_is_the_decided_lenient_shape() -> None:
    error = SPEC["components"]["schemas"]["Error"]
    assert error["required"] == ["error", "message"]
    assert set(error["properties"]) == {"error", "message", "code", "request_id"}
    assert error["additionalProperties"] is True
    assert "enum" not in error["properties"]["code"]


def test_download_success_is_mp3_with_its_headers() -> None:
    resp = OPERATIONS["downloadTrack"].response(200)
    assert resp.node["content"] == {
        "audio/mpeg": {"schema": {"type": "string", "format": "binary"}}
    }
    for name in ("Content-Disposition", "X-Track-Id", "X-Track-Duration"):
        assert resp.headers[name].required is True


def test_other_successes_are_json() -> None:
    for op in READER.operations:
        if op.operation_id != "downloadTrack":
            assert op.response(200).media_types == ("application/json",), op.operation_id


def schema(name: str) -> Mapping[str, Any]:
    return READER.schema(name)


def test_ranges_and_integer_types_follow_the_decisions() -> None:
    search = schema("SearchRequest")["properties"]
    assert search["limit"] == {
        **search["limit"],
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }
    assert search["offset"] == {**search["offset"], "type": "integer", "minimum": 0, "default": 0}
    filters = schema("SearchFilters")["properties"]
    for bpm in ("min_bpm", "max_bpm"):
        assert filters[bpm] == {**filters[bpm], "type": "integer", "minimum": 40, "maximum": 200}
    download = schema("DownloadTrackRequest")
    assert download["required"] == ["track_id"]
    assert download["properties"]["duration_seconds"] == {
        **download["properties"]["duration_seconds"],
        "type": "number",
        "minimum": 10,
        "maximum": 300,
    }
    assert download["properties"]["hit_point_seconds"] == {
        **download["properties"]["hit_point_seconds"],
        "type": "number",
        "minimum": 0,
    }
    assert download["dependentRequired"] == {"hit_point_seconds": ["duration_seconds"]}
    params = {p.name: p.schema for p in OPERATIONS["listUsage"].parameters}
    assert params["limit"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}
    assert params["offset"] == {"type": "integer", "minimum": 0, "default": 0}


def test_enums_are_closed_only_where_decided() -> None:
    assert schema("EnergyLevel")["enum"] == ["low", "medium", "high"]
    assert schema("Tier")["enum"] == ["free", "starter", "pro"]
    for field in ("genres", "moods", "instruments"):
        items = schema("SearchFilters")["properties"][field]["items"]
        assert "enum" not in items, field
        assert items["examples"], field
    assert "pattern" not in schema("Track")["properties"]["id"]


def test_hit_point_rule_is_stated_and_answered_by_the_documented_400() -> None:
    description = OPERATIONS["downloadTrack"].description
    assert "requires" in description
    assert "strictly less" in description
    bad_request = OPERATIONS["downloadTrack"].response(400).content["application/json"]
    example = READER.resolve(bad_request.node["examples"]["hit_point_requires_duration"])["value"]
    assert example["code"] == "invalid_parameters"


def test_hit_point_rule_is_stated_as_the_x_less_than_extension() -> None:
    properties = schema("DownloadTrackRequest")["properties"]
    assert properties["hit_point_seconds"]["x-less-than"] == "duration_seconds"
    assert "duration_seconds" in properties
    carriers = {
        (name, prop)
        for name, body in SPEC["components"]["schemas"].items()
        for prop, value in body.get("properties", {}).items()
        if "x-less-than" in value
    }
    assert carriers == {("DownloadTrackRequest", "hit_point_seconds")}
    assert "x-less-than" in SPEC["info"]["description"]
    assert "x-requires-one-of" in SPEC["info"]["description"]


def test_generated_operation_facts_match_the_spec() -> None:
    facts = importlib.import_module("backbeat._generated.trackyard.operations")
    assert facts.SECURITY == {"header": "Authorization", "prefix": "Bearer"}
    assert READER.server_url == facts.SERVER_URL
    for operation_id, op in OPERATIONS.items():
        assert facts.OPERATIONS[operation_id] == {
            "method": op.method,
            "path": op.path,
            "idempotent": op.idempotent,
            "credit_cost": op.credit_cost,
            "statuses": op.statuses,
        }


def test_operation_facts_generator_refuses_a_spec_without_extensions(tmp_path: Any) -> None:
    broken = {**SPEC, "paths": {"/me": {"get": {"operationId": "getMe", "responses": {}}}}}
    spec_file = tmp_path / "broken.yaml"
    spec_file.write_text(yaml.safe_dump(broken))
    result = subprocess.run(
        [sys.executable, "tools/gen_operations.py", str(spec_file), str(tmp_path / "out.py")],
        cwd=spec_checks.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "missing x-idempotent" in result.stderr
