"""backbeat_specs, the one reader of the specs: loading, `$ref`s, typed accessors, the
extensions, and what it imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import backbeat_specs
import pytest
import yaml
from backbeat_specs import Plan, Provocation, SecurityScheme, Spec, SpecError
from hypothesis import given
from hypothesis import strategies as st

from tests.spec import spec_checks


def document(**operation: Any) -> dict[str, Any]:
    """A small OpenAPI 3.1 document whose one operation (`getThing`) carries `operation`."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Things", "version": "1"},
        "servers": [{"url": "https://things.test/v1"}, {"url": "http://127.0.0.1:1/v1"}],
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"id": {"$ref": "#/components/schemas/Id"}},
                },
                "Id": {"type": "string", "examples": ["t1"]},
            },
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}
            },
            "responses": {
                "Busy": {"description": "busy", "x-provoke": {"key": "low-limit", "burst": True}},
            },
        },
        "security": [{"key": []}],
        "paths": {
            "/things/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "string"}},
                ],
                "get": {
                    "operationId": "getThing",
                    "parameters": [{"$ref": "#/components/parameters/Limit"}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"X-Left": {"schema": {"type": "integer"}, "example": 3}},
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"},
                                    "examples": {"one": {"value": {"id": "t1"}}},
                                }
                            },
                        },
                        "429": {"$ref": "#/components/responses/Busy"},
                    },
                    **operation,
                },
            }
        },
    }


def written(folder: Path, doc: dict[str, Any], name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc) if name.endswith(".json") else yaml.safe_dump(doc))
    return path


def one_operation(tmp_path: Path, **operation: Any) -> backbeat_specs.Operation:
    return Spec(tmp_path / "spec.yaml", document(**operation)).operation("getThing")


# --- loading ---------------------------------------------------------------------------------


def test_a_spec_is_read_once_per_file_version(tmp_path: Path) -> None:
    path = written(tmp_path, document())
    first = backbeat_specs.load(path)
    assert backbeat_specs.load(str(path)) is first
    changed = document()
    changed["info"]["title"] = "Changed"
    written(tmp_path, changed)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later version
    assert backbeat_specs.load(path).title == "Changed"


def test_the_project_specs_load_by_api_name() -> None:
    assert backbeat_specs.load_api("trackyard") is spec_checks.spec("openapi.yaml")
    assert backbeat_specs.load_api("musicgpt").title.startswith("MusicGPT")


def test_read_document_gives_a_private_copy(tmp_path: Path) -> None:
    path = written(tmp_path, document())
    copy = backbeat_specs.read_document(path)
    copy["info"]["title"] = "mine"
    assert backbeat_specs.load(path).title == "Things"


def test_json_and_yaml_read_alike_and_timestamps_stay_strings(tmp_path: Path) -> None:
    doc = document()
    doc["components"]["schemas"]["Id"]["examples"] = ["2026-01-02T03:04:05Z"]
    as_json = backbeat_specs.read_document(written(tmp_path, doc, "spec.json"))
    yaml_text = yaml.safe_dump(doc).replace("'2026-01-02T03:04:05Z'", "2026-01-02T03:04:05Z")
    (tmp_path / "spec.yaml").write_text(yaml_text)
    assert "- 2026-01-02T03:04:05Z" in yaml_text, "unquoted, as a YAML timestamp"
    assert backbeat_specs.read_document(tmp_path / "spec.yaml") == as_json


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.yaml", None, "no such file"),
        ("latin1.yaml", b"openapi: 3.1.0\ninfo: caf\xe9\n", "is not UTF-8 text (byte 24)"),
        ("broken.yaml", b"openapi: [3.1\n", "is not valid YAML"),
        ("broken.json", b'{"openapi": ', "is not valid JSON"),
        ("swagger.yaml", b"swagger: '2.0'\n", "is Swagger 2.0, not OpenAPI 3.x"),
        ("list.yaml", b"- openapi\n", "is not an OpenAPI document"),
    ],
    ids=["missing", "not-utf8", "bad-yaml", "bad-json", "swagger-2", "not-a-map"],
)
def test_a_spec_that_cannot_be_used_raises_spec_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SpecError) as caught:
        backbeat_specs.load(path)
    assert caught.value.path == path.resolve()
    assert caught.value.problem.startswith(problem)
    assert str(path.resolve()) in str(caught.value)


# --- navigation ------------------------------------------------------------------------------


def test_refs_are_followed_and_a_loop_or_a_remote_ref_is_refused(tmp_path: Path) -> None:
    doc = document()
    spec = Spec(tmp_path / "spec.yaml", doc)
    op = spec.operation("getThing")
    assert op.response(429).pointer == "/components/responses/Busy"
    assert spec.properties({"$ref": "#/components/schemas/Thing"}) == {
        "id": {"type": "string", "examples": ["t1"]}
    }
    doc["components"]["schemas"]["Loop"] = {"$ref": "#/components/schemas/Loop"}
    with pytest.raises(SpecError, match="circular"):
        spec.resolve({"$ref": "#/components/schemas/Loop"})
    with pytest.raises(SpecError, match="only local"):
        spec.resolve({"$ref": "other.yaml#/components/schemas/Thing"})
    with pytest.raises(KeyError, match="nothing at"):
        spec.at("/components/schemas/Nope")


def test_operation_parameters_merge_the_path_items_and_win_a_clash(tmp_path: Path) -> None:
    op = one_operation(tmp_path)
    assert [(p.location, p.name) for p in op.parameters] == [("path", "id"), ("query", "limit")]
    assert op.parameter("limit").schema == {"type": "integer"}, "the operation's own wins"
    assert op.parameter("id").required is True, "path parameters are required"
    assert op.parameters_in("query") == (op.parameter("limit"),)


def test_operation_accessors_read_the_standard_fields(tmp_path: Path) -> None:
    op = one_operation(tmp_path, summary="Get a thing", deprecated=True)
    assert (op.method, op.path, op.label) == ("GET", "/things/{id}", "GET /things/{id}")
    assert (op.summary, op.deprecated, op.statuses, op.success_status) == (
        "Get a thing", True, (200, 429), 200)  # fmt: skip
    assert op.security == ({"key": ()},)
    assert op.is_secured
    ok = op.response(200)
    assert ok.content["application/json"].schema_name == "Thing"
    assert ok.content["application/json"].first_example == {"id": "t1"}
    assert ok.headers["X-Left"].schema == {"type": "integer"}
    assert op.request_body is None
    with pytest.raises(KeyError, match="no 404"):
        op.response(404)
    assert op.spec.match("GET", "/things/t1") == (op, ("GET",))
    assert op.spec.match("POST", "/things/t1") == (None, ("GET",))
    assert op.spec.match("GET", "/elsewhere") == (None, ())


def test_examples_are_collected_with_their_schemas(tmp_path: Path) -> None:
    spec = Spec(tmp_path / "spec.yaml", document())
    ok = "/paths/~1things~1{id}/get/responses/200"
    assert [(e.where, e.schema_pointer, e.value) for e in spec.all_examples()] == [
        ("getThing 200 application/json example 'one'",
         f"{ok}/content/application~1json/schema", {"id": "t1"}),
        ("getThing 200 header X-Left", f"{ok}/headers/X-Left/schema", 3),
        ("/components/schemas/Id", "/components/schemas/Id", "t1"),
    ]  # fmt: skip


# --- the extensions --------------------------------------------------------------------------


def test_extensions_read_as_typed_values_and_none_where_absent(tmp_path: Path) -> None:
    bare = one_operation(tmp_path)
    assert (bare.idempotent, bare.credit_cost, bare.outputs, bare.webhook) == (None,) * 4
    assert (bare.requires_one_of, bare.price, bare.provoke(200)) == ((), 0.0, None)
    op = one_operation(tmp_path, **{
        "x-idempotent": False, "x-credit-cost": 1, "x-credit-estimate": 0.25, "x-outputs": 2,
        "x-rate-limit-category": "jobs", "x-conversion-type": "THING", "x-webhook": "done",
        "x-requires-one-of": ["a", "b"], "x-replaced-by": "getThingV2",
    })  # fmt: skip
    assert (op.idempotent, op.credit_cost, op.credit_estimate, op.price) == (False, 1, 0.25, 0.25)
    assert (op.outputs, op.rate_limit_category, op.conversion_type) == (2, "jobs", "THING")
    assert (op.webhook, op.requires_one_of, op.replaced_by) == ("done", ("a", "b"), "getThingV2")
    assert bare.sandbox_behaviour is None
    assert one_operation(tmp_path, **{"x-sandbox-behaviour": "echo"}).sandbox_behaviour == "echo"


NOT_AN_INTEGER = st.one_of(
    st.text(),
    st.booleans(),
    st.floats(),
    st.lists(st.integers(), max_size=2),
    st.integers(max_value=-1),
)


@given(value=NOT_AN_INTEGER)
def test_a_wrong_typed_extension_is_an_error_naming_the_operation(value: Any) -> None:
    op = Spec("spec.yaml", document(**{"x-credit-cost": value})).operation("getThing")
    with pytest.raises(SpecError, match=r"getThing x-credit-cost: expected an integer >= 0"):
        _ = op.credit_cost


def test_the_operations_webhook_url_field_wins_over_the_documents(tmp_path: Path) -> None:
    doc = document(**{"x-webhook-url-field": "callback"})
    doc["x-webhook-url-field"] = "webhook_url"
    spec = Spec(tmp_path / "spec.yaml", doc)
    assert spec.operation("getThing").webhook_url_field == "callback"
    assert spec.webhook_url_field == "webhook_url"
    assert one_operation(tmp_path).webhook_url_field is None


def test_provocations_come_from_the_operation_first_then_the_response(tmp_path: Path) -> None:
    op = one_operation(tmp_path, **{"x-provoke": {"200": [{"key": "none"}, {"times": 2}]}})
    assert op.provocations(200) == (Provocation(key="none"), Provocation(times=2))
    assert op.provocations(429) == (Provocation(key="low-limit", burst=True),)
    assert op.provocations(404) is None
    broken = one_operation(tmp_path, **{"x-provoke": {"200": {"times": 0}}})
    with pytest.raises(SpecError, match="getThing x-provoke 200: times must be an integer"):
        broken.provocations(200)


def test_document_extensions_read_as_records(tmp_path: Path) -> None:
    doc = document()
    doc["x-rate-limit-categories"] = {"jobs": {"unit": "parallel-jobs", "limits": {"free": 1}}}
    doc["x-key-roles"] = {"low-limit": {"description": "a free key", "plan": "free"}}
    doc["x-meter-headers"] = {"credits": "X-Credits"}
    spec = Spec(tmp_path / "spec.yaml", doc)
    op = Spec(
        tmp_path / "spec.yaml",
        {**doc, "paths": document(**{"x-rate-limit-category": "jobs"})["paths"]},
    ).operation("getThing")
    assert spec.rate_limit_categories["jobs"].limits == {"free": 1}
    assert spec.key_roles["low-limit"].plan == "free"
    assert spec.meter_headers == {"credits": "X-Credits"}
    assert op.spec.plan_limit(op, "low-limit") == 1
    assert op.spec.plan_limit(op, "main") is None
    doc["x-key-roles"] = {"main": {}}
    with pytest.raises(SpecError, match="'main' is reserved"):
        _ = Spec(tmp_path / "spec.yaml", doc).key_roles


def test_plans_read_as_records_with_their_caps(tmp_path: Path) -> None:
    doc = document()
    doc["x-plans"] = {
        "free": {"credits": 50, "requests-per-minute": 5, "requests-per-day": 50},
        "pro": {"credits": 9, "monthly-allowance": 9, "description": " No daily cap. "},
    }
    plans = Spec(tmp_path / "spec.yaml", doc).plans
    assert plans["free"] == Plan("free", 50, 0, 5, 50)
    assert plans["pro"] == Plan("pro", 9, 9, None, None, "No daily cap.")
    assert Spec(tmp_path / "spec.yaml", document()).plans == {}
    doc["x-plans"] = {"free": {"credits": -1}}
    with pytest.raises(SpecError, match=r"x-plans.free credits: expected an integer >= 0"):
        _ = Spec(tmp_path / "spec.yaml", doc).plans
    doc["x-plans"] = {"free": {"requests-per-minute": 5}}
    with pytest.raises(SpecError, match=r"x-plans.free: credits is required"):
        _ = Spec(tmp_path / "spec.yaml", doc).plans


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ({"type": "http", "scheme": "bearer"}, SecurityScheme("s", "Authorization", "Bearer")),
        ({"type": "http", "scheme": "Basic"}, SecurityScheme("s", "Authorization", "Basic")),
        ({"type": "apiKey", "in": "header", "name": "X-Key"}, SecurityScheme("s", "X-Key", "")),
        ({"type": "apiKey", "in": "query", "name": "key"}, None),
    ],
    ids=["bearer", "basic", "raw-key-header", "query-key"],
)
def test_the_security_scheme_says_how_a_key_travels(
    scheme: dict[str, Any], expected: SecurityScheme | None
) -> None:
    doc = {**document(), "security": [{"s": []}]}
    doc["components"] = {
        **doc["components"],
        "securitySchemes": {"other": {"type": "http", "scheme": "bearer"}, "s": scheme},
    }
    assert Spec("spec.yaml", doc).security_scheme == expected
    if expected is not None:
        assert expected.value("k1") == ("k1" if not expected.prefix else f"{expected.prefix} k1")


# --- what the reader imports -----------------------------------------------------------------

LAYERS = ("backbeat", "backbeat_sandbox", "backbeat_contract", "backbeat_pytest")


def test_the_reader_imports_no_layer_and_jsonschema_only_to_validate() -> None:
    # One fresh interpreter, three steps: which of the layers, jsonschema and yaml each step
    # has imported by its end.
    steps = [
        "import backbeat_specs as b",
        "s = b.load_api('musicgpt'); s.operations[0].provocations(429)",
        "s.validator('/components/schemas/Error').is_valid({})",
    ]
    watched = {*LAYERS, "jsonschema", "yaml"}
    report = f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & {watched!r})))"
    probe = "\n".join(["import sys", *(f"{step}\n{report}" for step in steps)])
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=spec_checks.ROOT,
    )  # fmt: skip
    assert [set(line.split()) for line in result.stdout.splitlines()] == [
        set(),
        {"yaml"},
        {"yaml", "jsonschema"},
    ]


def test_schema_extensions_read_as_names() -> None:
    trackyard = spec_checks.spec("openapi.yaml")
    download = trackyard.schema("DownloadTrackRequest")["properties"]
    assert trackyard.less_than(download["hit_point_seconds"]) == "duration_seconds"
    assert trackyard.less_than(download["track_id"]) is None
    musicgpt = spec_checks.spec("musicgpt.openapi.yaml")
    assert (
        musicgpt.argument_name(musicgpt.schema("ExtendSongRequest")["properties"]["extend_after"])
        == "after"
    )
    with pytest.raises(SpecError, match="x-argument: expected a parameter name, got 1"):
        musicgpt.argument_name({"x-argument": 1})
