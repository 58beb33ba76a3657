"""Trackyard's spec states exactly the project's decisions (shared/api-facts/trackyard.md)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tests.spec import spec_checks

SPEC_FILE = "openapi.yaml"
SPEC = spec_checks.load(SPEC_FILE)
OPERATIONS = {op.operation_id: op for op in spec_checks.operations(SPEC)}
EXAMPLES = spec_checks.examples(SPEC)

DECIDED_STATUSES = {
    "search": {200, 400, 401, 402, 403, 429, 500},
    "downloadTrack": {200, 400, 401, 402, 403, 404, 429, 500},
    "getMe": {200, 401, 403, 429, 500},
    "listUsage": {200, 400, 401, 403, 429, 500},
}
DECIDED_EXTENSIONS = {
    "search": (1, True),
    "downloadTrack": (1, True),
    "getMe": (0, True),
    "listUsage": (0, True),
}
RATE_LIMIT_FAMILY = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Limit-Daily",
    "X-RateLimit-Remaining-Daily",
    "X-Credits-Remaining",
)


def response(op: spec_checks.Operation, status: int) -> dict[str, Any]:
    return spec_checks.resolve(SPEC, op.body["responses"][str(status)])


def header(resp: dict[str, Any], name: str) -> dict[str, Any]:
    return spec_checks.resolve(SPEC, resp["headers"][name])


def test_spec_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_servers_are_production_then_sandbox() -> None:
    assert [s["url"] for s in SPEC["servers"]] == [
        "https://api.trackyard.com/api/external/v1",
        "http://127.0.0.1:8765/api/external/v1",
    ]


def test_exactly_the_four_decided_operations() -> None:
    assert {(op.method, op.path) for op in OPERATIONS.values()} == {
        ("post", "/search"),
        ("post", "/download-track"),
        ("get", "/me"),
        ("get", "/usage"),
    }
    assert set(OPERATIONS) == set(DECIDED_STATUSES)


@pytest.mark.parametrize("operation_id", sorted(DECIDED_STATUSES))
def test_operation_documents_exactly_the_decided_statuses(operation_id: str) -> None:
    assert OPERATIONS[operation_id].statuses() == DECIDED_STATUSES[operation_id]


@pytest.mark.parametrize("operation_id", sorted(DECIDED_EXTENSIONS))
def test_operation_carries_credit_cost_and_idempotency(operation_id: str) -> None:
    body = OPERATIONS[operation_id].body
    assert (body["x-credit-cost"], body["x-idempotent"]) == DECIDED_EXTENSIONS[operation_id]


@pytest.mark.parametrize("operation_id", sorted(DECIDED_STATUSES))
def test_every_operation_requires_bearer_auth(operation_id: str) -> None:
    assert OPERATIONS[operation_id].body["security"] == [{"bearerAuth": []}]
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        **SPEC["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


@pytest.mark.parametrize("operation_id", sorted(DECIDED_STATUSES))
def test_every_429_requires_an_integer_retry_after_and_zero_remaining(operation_id: str) -> None:
    resp = response(OPERATIONS[operation_id], 429)
    retry_after = header(resp, "Retry-After")
    assert retry_after["required"] is True
    assert retry_after["schema"] == {"type": "integer", "minimum": 0}
    assert header(resp, "X-RateLimit-Remaining")["schema"]["const"] == 0


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(op_id, status) for op_id, statuses in DECIDED_STATUSES.items() for status in statuses],
)
def test_every_response_documents_the_rate_limit_family(operation_id: str, status: int) -> None:
    resp = response(OPERATIONS[operation_id], status)
    assert set(RATE_LIMIT_FAMILY) <= set(resp["headers"])
    # Required wherever a key was identified; a 401 may have none, pro has no daily window.
    expected_required = status != 401
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Credits-Remaining"):
        assert header(resp, name).get("required", False) is expected_required, name
    for name in ("X-RateLimit-Limit-Daily", "X-RateLimit-Remaining-Daily"):
        assert header(resp, name).get("required", False) is False, name


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(op_id, s) for op_id, statuses in DECIDED_STATUSES.items() for s in statuses if s >= 400],
)
def test_every_error_status_uses_a_shared_response_with_the_error_schema(
    operation_id: str, status: int
) -> None:
    raw = OPERATIONS[operation_id].body["responses"][str(status)]
    assert raw["$ref"].startswith("#/components/responses/")
    content = response(OPERATIONS[operation_id], status)["content"]
    assert list(content) == ["application/json"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert content["application/json"]["examples"], "each error needs a realistic example"


def test_error_schema_is_the_decided_lenient_shape() -> None:
    error = SPEC["components"]["schemas"]["Error"]
    assert error["required"] == ["error", "message"]
    assert set(error["properties"]) == {"error", "message", "code", "request_id"}
    assert error["additionalProperties"] is True
    assert "enum" not in error["properties"]["code"]


def test_download_success_is_mp3_with_its_headers() -> None:
    resp = response(OPERATIONS["downloadTrack"], 200)
    assert resp["content"] == {"audio/mpeg": {"schema": {"type": "string", "format": "binary"}}}
    for name in ("Content-Disposition", "X-Track-Id", "X-Track-Duration"):
        assert header(resp, name)["required"] is True


def test_other_successes_are_json() -> None:
    for operation_id in ("search", "getMe", "listUsage"):
        assert list(response(OPERATIONS[operation_id], 200)["content"]) == ["application/json"]


def schema(name: str) -> dict[str, Any]:
    return SPEC["components"]["schemas"][name]


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
    params = {p["name"]: p["schema"] for p in OPERATIONS["listUsage"].body["parameters"]}
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
    description = OPERATIONS["downloadTrack"].body["description"]
    assert "requires" in description
    assert "strictly less" in description
    bad_request = response(OPERATIONS["downloadTrack"], 400)["content"]["application/json"]
    example = bad_request["examples"]["hit_point_requires_duration"]["value"]
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


def test_spec_has_examples_to_check() -> None:
    assert len(EXAMPLES) >= 30


ALL_EXAMPLES = spec_checks.all_examples(SPEC)


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=[e.where for e in ALL_EXAMPLES])
def test_example_validates_against_its_own_schema(example: spec_checks.Example) -> None:
    errors = list(spec_checks.validator(SPEC, example.schema_pointer).iter_errors(example.value))
    assert not errors, [e.message for e in errors]


def test_a_wrong_example_is_caught() -> None:
    # Guards the test above: the validator must actually see the referenced schema.
    pointer = "/components/schemas/SearchRequest"
    assert list(spec_checks.validator(SPEC, pointer).iter_errors({"query": 1, "limit": 0}))


MODEL_EXAMPLES = [e for e in EXAMPLES if spec_checks.schema_name(SPEC, e.schema_pointer)]


@pytest.mark.parametrize("example", MODEL_EXAMPLES, ids=[e.where for e in MODEL_EXAMPLES])
def test_generated_model_round_trips_example(example: spec_checks.Example) -> None:
    name = spec_checks.schema_name(SPEC, example.schema_pointer)
    models = importlib.import_module("backbeat._generated.trackyard.models")
    model = getattr(models, str(name))
    round_tripped = model.from_dict(example.value).to_dict()
    expected = spec_checks.without_nulls(example.value)
    assert spec_checks.normalized(round_tripped) == spec_checks.normalized(expected)


def test_generated_operation_facts_match_the_spec() -> None:
    facts = importlib.import_module("backbeat._generated.trackyard.operations")
    assert facts.SECURITY == {"header": "Authorization", "prefix": "Bearer"}
    production = SPEC["servers"][0]["url"]
    assert production == facts.SERVER_URL
    for operation_id, op in OPERATIONS.items():
        assert facts.OPERATIONS[operation_id] == {
            "method": op.method.upper(),
            "path": op.path,
            "idempotent": op.body["x-idempotent"],
            "credit_cost": op.body["x-credit-cost"],
            "statuses": tuple(sorted(op.statuses())),
        }


def test_operation_facts_generator_refuses_a_spec_without_extensions(tmp_path: Any) -> None:
    broken = dict(SPEC, paths={"/me": {"get": {"operationId": "getMe", "responses": {}}}})
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
