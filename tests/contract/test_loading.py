"""Specs as they come (backbeat_specs): what would break a run half-way is refused at load in one
line naming the place, and an operation without an `operationId` gets a stable name."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from backbeat_contract.spec import Spec
from backbeat_specs import SpecError, derived_operation_id, read_document
from hypothesis import given
from hypothesis import strategies as st

from tests.contract.documents import openapi, written
from tests.contract.notes.server import READER, WRITER
from tests.contract.suite_runs import FAST, run_suite, serve

NOTES = Path(__file__).with_name("notes") / "notes.openapi.yaml"


OK = {"responses": {"200": {"description": "ok"}}}


def test_operations_without_an_id_are_named_from_method_and_path(tmp_path: Path) -> None:
    spec = Spec.load(
        written(
            tmp_path,
            openapi(
                {
                    "/": {"get": OK},
                    "/pets/{petId}": {"get": OK, "delete": {**OK, "operationId": "dup"}},
                    "/pets": {"post": {**OK, "operationId": "dup"}},
                }
            ),
        )
    )
    names = {(op.method, op.path): op.operation_id for op in spec.operations}
    assert names == {
        ("GET", "/"): "get_root",
        ("GET", "/pets/{petId}"): "get_pets_petId",
        ("DELETE", "/pets/{petId}"): "dup",
        ("POST", "/pets"): "dup_post_pets",  # a duplicate id keeps its own, made unique
    }


@given(
    st.sampled_from(["get", "post"]), st.lists(st.from_regex(r"[a-z{}_.-]{1,8}", fullmatch=True))
)
def test_a_derived_name_is_stable_and_has_no_separator_left(method: str, parts: list[str]) -> None:
    path = "/" + "/".join(parts)
    name = derived_operation_id(method, path)
    assert name == derived_operation_id(method, path)
    assert name.startswith(method + "_")
    assert not set(name) & set("/{}.-")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            openapi(
                {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}
            ),
            "#/paths/~1a/get/responses/200: $ref '#/components/responses/Nope' does not "
            "resolve (no 'components')",
        ),
        (
            openapi(
                {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/A"}}}}},
                components={
                    "responses": {
                        "A": {"$ref": "#/components/responses/B"},
                        "B": {"$ref": "#/components/responses/A"},
                    }
                },
            ),
            "is a loop of $refs",
        ),
        (
            openapi({"/a": {"get": {"responses": {"200": {"$ref": "other.yaml#/R"}}}}}),
            "#/paths/~1a/get/responses/200: $ref 'other.yaml#/R' points outside the file",
        ),
        (
            {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}},
            "is Swagger 2.0, not OpenAPI 3.x: convert it first",
        ),
        (
            openapi({"/a": {"get": {"responses": {"20": {"description": "x"}}}}}),
            "not a status code",
        ),
        (openapi({"/a": ["get"]}), "#/paths/~1a: must be a path item, got list"),
    ],
)
def test_a_broken_spec_is_refused_at_load_in_one_line_naming_the_place(
    tmp_path: Path, document: dict[str, Any], message: str
) -> None:
    with pytest.raises(SpecError) as refused:
        Spec.load(written(tmp_path, document))
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_recursive_schemas_and_unquoted_status_codes_load(tmp_path: Path) -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}
    text = yaml.safe_dump(
        openapi(
            {
                "/tree": {
                    "get": {
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/Node"}
                                    }
                                },
                            }
                        }
                    }
                }
            },
            components={"schemas": {"Node": node}},
        )
    ).replace("'200':", "200:")  # as people write it; YAML reads a number
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    operation = Spec.load(path).operations[0]
    assert operation.statuses == (200,)
    validator = operation.body_validator(200, "application/json")
    assert validator is not None
    assert validator.is_valid({"child": {"child": {}}})
    assert not validator.is_valid({"child": {"child": 3}})


def test_a_bad_ref_ends_the_run_before_it_starts_with_one_line(tmp_path: Path) -> None:
    document = read_document(NOTES)
    get = document["paths"]["/notes/{note_id}"]["get"]
    get["responses"]["200"] = {"$ref": "#/components/responses/Gone"}
    spec = written(tmp_path, document, "notes.json")
    run = run_suite(
        ["--spec", str(spec), "--base-url", "http://127.0.0.1:9", "--api-key", "k", *FAST],
        tmp_path / "reports",
    )
    assert run.returncode == 4, run.output[-2000:]
    where = "#/paths/~1notes~1{note_id}/get/responses/200"
    assert f"{where}: $ref '#/components/responses/Gone' does not resolve" in run.output
    assert "Traceback" not in run.output
    assert "INTERNALERROR" not in run.output


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_spec_without_operation_ids_runs_and_reports_derived_names(tmp_path: Path) -> None:
    document = read_document(NOTES)
    pointers = {
        op["operationId"]: f"#/paths/{path.replace('/', '~1')}/{method}"
        for path, item in document["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("operationId", None)
                for response in operation.get("responses", {}).values():
                    for link in response.get("links", {}).values():  # the way left to name
                        link["operationRef"] = pointers[link.pop("operationId")]
    spec = tmp_path / "notes-unnamed.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    server = [sys.executable, "-m", "tests.contract.notes.server", "{port}"]
    env = {"CONTRACT_API_KEY": WRITER, "CONTRACT_READER_KEY": READER}
    with serve(server, "/notes") as root:
        run = run_suite(["--spec", str(spec), "--base-url", root, *FAST], tmp_path / "r", env=env)
    assert "INTERNALERROR" not in run.output
    assert "KeyError" not in run.output
    assert run.returncode == 0, run.output[-3000:]
    report = json.loads(run.report("contract-coverage.json"))
    names = {op["operation_id"] for op in report["operations"]}
    assert {"get_notes", "post_notes", "get_notes_note_id", "delete_notes_note_id"} <= names
