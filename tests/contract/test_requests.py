"""What the suite sends, without a server: each operation's own credentials, valid requests
built from the schema, and unknown ids that keep their parameter's constraints."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from backbeat_contract.calls import Call, curl
from backbeat_contract.keys import Keys
from backbeat_contract.scenarios import unknown_value
from backbeat_contract.spec import Spec
from backbeat_contract.valid import Builder, Invalid

from tests.contract.documents import loaded

SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "basic": {"type": "http", "scheme": "basic"},
    "headerKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
    "cookieKey": {"type": "apiKey", "in": "cookie", "name": "session"},
    "oauth": {"type": "oauth2", "flows": {}},
    "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://id.example/.well-known"},
}
OK = {"200": {"description": "ok"}}


def _spec(tmp_path: Path, operations: dict[str, dict[str, Any]], version: str = "3.1.0") -> Spec:
    paths = {
        f"/{name}": {"post": {"operationId": name, "responses": OK, **operation}}
        for name, operation in operations.items()
    }
    security = {"security": [{"bearer": []}], "components": {"securitySchemes": SCHEMES}}
    return loaded(tmp_path, paths, openapi=version, **security)


@pytest.mark.parametrize(
    ("security", "where", "name", "value"),
    [
        (None, "header", "Authorization", "Bearer k"),
        ([{"headerKey": []}], "header", "X-Api-Key", "k"),
        ([{"queryKey": []}], "query", "api_key", "k"),
        ([{"cookieKey": []}], "cookie", "session", "k"),
        ([{"oauth": ["read"]}], "header", "Authorization", "Bearer k"),
        ([{"oidc": []}], "header", "Authorization", "Bearer k"),
        ([{"mutualTLS": []}, {"headerKey": []}], "header", "X-Api-Key", "k"),
    ],
)
def test_each_operation_sends_the_credential_its_own_security_names(
    tmp_path: Path, security: Any, where: str, name: str, value: str
) -> None:
    operation = {} if security is None else {"security": security}
    spec = _spec(tmp_path, {"op": operation})
    placed = Call(spec.operation("op"), "k").auth()
    assert placed[where] == {name: value}
    assert sum(len(part) for part in placed.values()) == 1


def test_security_alternatives_and_public_operations(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        {
            "public": {"security": []},
            "either": {"security": [{"headerKey": []}, {"queryKey": []}]},
            "both": {"security": [{"headerKey": [], "queryKey": []}]},
        },
    )
    assert Call(spec.operation("public"), "k").auth() == {"header": {}, "query": {}, "cookie": {}}
    assert not spec.operation("public").is_secured
    # The alternative whose schemes all have their own credential wins.
    either = Call(spec.operation("either"), "main", credentials={"queryKey": "q"}).auth()
    assert either == {"header": {}, "query": {"api_key": "q"}, "cookie": {}}
    both = Call(spec.operation("both"), "main", credentials={"queryKey": "q"}).auth()
    assert both == {"header": {"X-Api-Key": "main"}, "query": {"api_key": "q"}, "cookie": {}}
    # A scenario that sends another key (or none) drops the per-scheme credentials.
    assert (
        Call(spec.operation("both"), "m", credentials={"queryKey": "q"})
        .with_key(None)
        .auth()["query"]
        == {}
    )


def test_basic_credentials_are_encoded_and_never_shown(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"op": {"security": [{"basic": []}]}})
    call = Call(spec.operation("op"), "user:pw")
    encoded = base64.b64encode(b"user:pw").decode()
    assert call.auth()["header"] == {"Authorization": f"Basic {encoded}"}
    keys = Keys({"main": "user:pw"}, magic=None)
    assert encoded not in keys.redact(f"Authorization: Basic {encoded}")


def test_reproducers_expand_every_key_variable_in_any_quoting(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"op": {"security": [{"queryKey": [], "headerKey": []}]}})
    keys = Keys({"main": "sk-main-1"}, magic=None, named={"sk-query-2": "QUERY_KEY"})
    call = Call(spec.operation("op"), "sk-main-1", credentials={"queryKey": "sk-query-2"})
    reproducer = curl("https://api.example", call, keys.shown_all())
    assert "sk-" not in reproducer
    assert '"X-Api-Key: $API_KEY"' in reproducer
    assert '"https://api.example/op?api_key=$QUERY_KEY"' in reproducer
    assert "'$" not in reproducer  # no variable inside single quotes


def test_a_valid_request_fills_what_the_spec_requires(tmp_path: Path) -> None:
    """Required query, header and cookie parameters and a required body with no example are
    generated; a `oneOf` body picks an alternative; an example the schema rejects is not used;
    nullable (3.0) and array item defaults are honoured."""
    body = {
        "required": True,
        "content": {
            "application/json": {
                "example": {"kind": "wrong"},
                "schema": {
                    "oneOf": [
                        {
                            "type": "object",
                            "required": ["kind", "tags"],
                            "properties": {
                                "kind": {"enum": ["a"]},
                                "tags": {"type": "array", "minItems": 1,
                                         "items": {"type": "string", "default": "x"}},
                                "note": {"type": "string", "nullable": True},
                            },
                            "additionalProperties": False,
                        },
                        {"type": "object", "required": ["kind"],
                         "properties": {"kind": {"enum": ["b"]}}, "additionalProperties": False},
                    ]
                },
            }
        },
    }  # fmt: skip
    parameters = [
        {"name": "limit", "in": "query", "required": True,
         "schema": {"type": "integer", "minimum": 5, "maximum": 9}},
        {"name": "X-Trace", "in": "header", "required": True, "schema": {"type": "string"}},
        {"name": "sid", "in": "cookie", "required": True,
         "schema": {"type": "string", "pattern": "^s[0-9]{3}$"}},
        {"name": "optional", "in": "query", "schema": {"type": "string"}},
    ]  # fmt: skip
    spec = _spec(tmp_path, {"op": {"requestBody": body, "parameters": parameters}}, "3.0.3")
    builder = Builder(spec)
    (call,) = builder.calls(spec.operation("op"), "k")
    assert 5 <= call.query["limit"] <= 9
    assert "optional" not in call.query
    assert "X-Trace" in call.headers
    assert call.cookies["sid"].startswith("s")
    assert len(call.cookies["sid"]) == 4
    assert call.body["kind"] in ("a", "b")
    assert call.body != {"kind": "wrong"}
    # Built twice, the same request (runs repeat).
    assert Builder(spec).calls(spec.operation("op"), "k")[0] == call


def test_a_request_that_cannot_be_made_valid_says_why(tmp_path: Path) -> None:
    body = {
        "required": True,
        "content": {"application/xml": {"schema": {"type": "object"}}},
    }
    spec = _spec(tmp_path, {"op": {"requestBody": body}})
    with pytest.raises(Invalid, match="no media type the suite can send"):
        Builder(spec).calls(spec.operation("op"), "k")


@pytest.mark.parametrize(
    ("schema", "allowed"),
    [
        ({"type": "integer", "minimum": 1, "maximum": 500}, range(1, 501)),
        ({"type": "integer", "exclusiveMaximum": 100}, range(0, 100)),
        ({"type": "string", "pattern": "^[a-z]{3,8}$"}, None),
        ({"type": "string", "maxLength": 5}, None),
        ({"type": "string", "format": "uuid"}, None),
    ],
)
def test_an_unknown_id_keeps_the_parameters_constraints(
    schema: dict[str, Any], allowed: range | None
) -> None:
    from jsonschema import Draft202012Validator

    value = unknown_value(schema, {"name": "id", "in": "path"})
    assert value is not None
    assert Draft202012Validator(schema).is_valid(value)
    if allowed is not None:
        assert value in allowed


def test_no_unknown_id_when_nothing_fits() -> None:
    assert unknown_value({"type": "string", "enum": ["only"]}, {"name": "id"}) is None


def test_an_id_comes_from_a_location_header_when_the_body_names_none(tmp_path: Path) -> None:
    from backbeat_contract.links import from_location
    from requests import Response

    photo_id = {"name": "photo_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    get = {"operationId": "getPhoto", "parameters": [photo_id], "responses": OK}
    target = loaded(tmp_path, {"/photos/{photo_id}": {"get": get}}).operation("getPhoto")
    created = Response()
    created.headers["Location"] = "https://api.example/v1/photos/12"
    assert from_location(target, created) == {"path": {"photo_id": "12"}}
    created.headers["Location"] = "https://api.example/v1/albums/12"
    assert from_location(target, created) is None
