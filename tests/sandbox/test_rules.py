"""The sandbox enforces the specs' extension rules for any spec that carries them."""

from __future__ import annotations

from typing import Any

import pytest
from backbeat_sandbox.rules import missing_one_of, out_of_order
from backbeat_sandbox.spec import Spec

# A third API: a $ref'd body with a nested x-less-than, an operation with x-requires-one-of.
SPEC = Spec(
    {
        "openapi": "3.1.0",
        "servers": [{"url": "http://clips.test/api"}],
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            "schemas": {
                "Window": {
                    "type": "object",
                    "properties": {
                        "start": {"type": "number", "x-less-than": "end"},
                        "end": {"type": "number"},
                    },
                },
                "Cut": {"properties": {"window": {"$ref": "#/components/schemas/Window"}}},
            },
        },
        "paths": {
            "/clips": {
                "get": {
                    "operationId": "findClip",
                    "x-requires-one-of": ["name", "id"],
                    "responses": {"200": {"description": "ok"}},
                },
                "post": {"operationId": "cutClip", "responses": {"200": {"description": "ok"}}},
            }
        },
    }
)
CUT = {"$ref": "#/components/schemas/Cut"}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"window": {"start": 1, "end": 2}}, None),
        ({"window": {"start": 2, "end": 2}}, "start must be less than end"),
        ({"window": {"start": 2.5}}, None),
        ({"window": {"start": 3, "end": "2"}}, None),
        ({"window": [3, 2]}, None),
        ([], None),
    ],
)
def test_x_less_than_is_enforced_at_any_depth(body: Any, problem: str | None) -> None:
    assert out_of_order(SPEC, CUT, body) == problem


@pytest.mark.parametrize(
    ("query", "headers", "problem"),
    [
        ({"name": "a"}, {}, None),
        ({"id": "b", "name": None}, {}, None),
        ({}, {"id": "c"}, None),
        ({"name": ""}, {"id": ""}, "Invalid request parameters: give name or id"),
        ({}, {}, "Invalid request parameters: give name or id"),
    ],
)
def test_x_requires_one_of_is_enforced(
    query: dict[str, Any], headers: dict[str, str], problem: str | None
) -> None:
    find, cut = SPEC.operations
    assert missing_one_of(find, query, headers) == problem
    assert missing_one_of(cut, {}, {}) is None
