"""The extension rules (`x-less-than`, `x-requires-one-of`) are read from any spec, and the
hooks module keeps positive cases that break them from being sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import backbeat_contract.hooks
import hypothesis
import pytest
import schemathesis
from backbeat_contract.rules import filter_case, rules_for
from backbeat_contract.spec import Spec
from hypothesis.errors import NoSuchExample
from schemathesis import GenerationMode
from schemathesis.generation.meta import TestPhase
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

FIND_SETTINGS = hypothesis.settings(database=None, derandomize=True, max_examples=300)

# A third API, unlike either real spec: a $ref'd body with a nested rule, a path-level header.
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "clips", "version": "1"},
    "paths": {
        "/clips": {
            "parameters": [{"name": "X-Project", "in": "header", "schema": {"type": "string"}}],
            "post": {
                "operationId": "cutClip",
                "x-requires-one-of": ["X-Project", "project"],
                "parameters": [{"$ref": "#/components/parameters/Project"}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Cut"}}
                    },
                },
                "responses": {"200": {"description": "ok"}},
            },
            "get": {"operationId": "listClips", "responses": {"200": {"description": "ok"}}},
        },
        "/marks": {
            "post": {
                "operationId": "mark",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Window"}}
                    }
                },
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
    "components": {
        "parameters": {"Project": {"name": "project", "in": "query", "schema": {"type": "string"}}},
        "schemas": {
            "Window": {
                "type": "object",
                "required": ["start", "end"],
                "properties": {
                    "start": {"type": "number", "x-less-than": "end"},
                    "end": {"type": "number"},
                    "label": {"type": "string"},
                },
            },
            "Cut": {
                "type": "object",
                "properties": {"window": {"$ref": "#/components/schemas/Window"}},
            },
        },
    },
}
SPEC = Spec(Path("clips.yaml"), DOCUMENT)


def case(**parts: Any) -> SimpleNamespace:
    return SimpleNamespace(**{"query": None, "headers": None, "body": None, **parts})


def test_rules_are_read_from_any_spec() -> None:
    assert rules_for(SPEC, "/clips", "POST").one_of == (
        ("headers", "X-Project"),
        ("query", "project"),
    )
    assert rules_for(SPEC, "/marks", "post").one_of == ()
    assert rules_for(SPEC, "/marks", "post").kept_by(case(body={"start": 2, "end": 1})) is False
    unruled = rules_for(SPEC, "/clips", "GET")
    assert unruled.one_of == ()
    assert unruled.kept_by(case(body={"window": {"start": 2, "end": 1}})) is True


@pytest.mark.parametrize(
    ("parts", "kept"),
    [
        ({"query": {"project": "p"}, "body": {"window": {"start": 1, "end": 2}}}, True),
        ({"headers": {"X-Project": "p"}}, True),
        ({"query": {"project": "p"}, "body": {"window": {"start": 2, "end": 2}}}, False),
        ({"query": {"project": "p"}, "body": {"window": {"start": 3.5, "end": 2}}}, False),
        ({"query": {"project": ""}, "headers": {"X-Project": None}}, False),
        ({"query": {}, "body": {"window": {"start": 1, "end": 2}}}, False),
        # Only two numbers can break the order: other shapes are the schema's business.
        ({"query": {"project": "p"}, "body": {"window": {"start": 3, "end": "2"}}}, True),
        ({"query": {"project": "p"}, "body": {"window": {"start": True, "end": 0}}}, True),
        ({"query": {"project": "p"}, "body": {"window": [3, 2]}}, True),
        ({"query": {"project": "p"}, "body": "text"}, True),
        ({"query": {"project": "p"}, "body": {"window": {"start": 3, "": 2}}}, True),
    ],
)
def test_a_case_keeps_the_rules_or_not(parts: dict[str, Any], kept: bool) -> None:
    assert rules_for(SPEC, "/clips", "POST").kept_by(case(**parts)) is kept


def test_a_recursive_schema_applies_at_every_depth() -> None:
    document = {
        "paths": {
            "/tree": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Node"}}
                        }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Node": {
                    "properties": {
                        "low": {"x-less-than": "high"},
                        "child": {"$ref": "#/components/schemas/Node"},
                    }
                }
            }
        },
    }
    rules = rules_for(Spec(Path("tree.yaml"), document), "/tree", "POST")
    deep = {"low": 1, "high": 2, "child": {"child": {"child": {"low": 5, "high": 5}}}}
    assert rules.kept_by(case(body=deep)) is False
    deep["child"]["child"]["child"]["low"] = 4
    assert rules.kept_by(case(body=deep)) is True


@pytest.fixture
def marks() -> schemathesis.schemas.APIOperation:
    return schemathesis.openapi.from_dict(DOCUMENT)["/marks"]["POST"]


def test_the_hook_refuses_a_positive_case_that_breaks_a_rule(
    marks: schemathesis.schemas.APIOperation,
) -> None:
    assert filter_case(None, marks.Case(body={"start": 1, "end": 2})) is True
    assert filter_case(None, marks.Case(body={"start": 2, "end": 2})) is False


def is_negative(generated: Any) -> bool:
    return bool(generated.meta.generation.mode is GenerationMode.NEGATIVE)


@pytest.mark.parametrize(
    ("phase", "kept"),
    [
        (TestPhase.FUZZING, True),
        # A link may fill in the invalid field after the hooks ran: the case would go out positive.
        (TestPhase.STATEFUL, False),
    ],
)
def test_the_hook_leaves_negative_cases_alone_outside_stateful_runs(
    marks: schemathesis.schemas.APIOperation, phase: TestPhase, kept: bool
) -> None:
    negative = marks.as_strategy(generation_mode=GenerationMode.NEGATIVE, phase=phase)
    broken = hypothesis.find(negative, is_negative, settings=FIND_SETTINGS)
    broken.body = {"start": 0, "end": 0, "label": 7}  # still negative: label is no string
    assert is_negative(broken)
    assert broken.meta.phase.name is phase
    assert filter_case(None, broken) is kept


@pytest.fixture
def without_global_hook() -> Iterator[None]:
    GLOBAL_HOOK_DISPATCHER.unregister(backbeat_contract.hooks.filter_case)
    try:
        yield
    finally:
        schemathesis.hook(backbeat_contract.hooks.filter_case)


def breaks_the_order(generated: Any) -> bool:
    body = generated.body
    return isinstance(body, dict) and body.get("start", 0) >= body.get("end", 1)


def test_the_hooks_module_keeps_broken_cases_out_of_positive_generation(
    marks: schemathesis.schemas.APIOperation,
) -> None:
    assert backbeat_contract.hooks.filter_case in GLOBAL_HOOK_DISPATCHER.get_all_by_name(
        "filter_case"
    )
    positive = marks.as_strategy(generation_mode=GenerationMode.POSITIVE)
    with pytest.raises(NoSuchExample):
        hypothesis.find(positive, breaks_the_order, settings=FIND_SETTINGS)


@pytest.mark.usefixtures("without_global_hook")
def test_without_the_hook_schemathesis_generates_broken_positive_cases(
    marks: schemathesis.schemas.APIOperation,
) -> None:
    positive = marks.as_strategy(generation_mode=GenerationMode.POSITIVE)
    assert breaks_the_order(hypothesis.find(positive, breaks_the_order, settings=FIND_SETTINGS))
