"""Tolerant reading by default, strict on request: for every enum in a success body of either
spec, and for new fields at every level, through every facade, sync and async."""

from __future__ import annotations

import importlib
import logging
from functools import cache
from typing import Any

import attrs
import pytest
from backbeat import APIError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .facades import (
    FACADES,
    NEW_FIELD,
    NEW_VALUE,
    Facade,
    ScriptedAPI,
    api_methods,
    sample_arguments,
    spec_bodies,
    with_new_fields,
    with_value_at,
)


def call(facade: Facade, client: Any, method: str) -> Any:
    args, kwargs = sample_arguments(getattr(type(client), method))
    return facade.run(getattr(client, method)(*args, **kwargs))


@cache
def method_for(facade: Facade) -> dict[str, str]:
    """Operation -> a public method whose call makes exactly that one request."""
    found: dict[str, str] = {}
    for method in api_methods(facade.cls):
        api = ScriptedAPI(spec_bodies(facade.spec))
        call(facade, facade.build(api), method)
        if len(api.operations) == 1:
            found.setdefault(api.operations[0], method)
    return found


EACH_FACADE = pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)


def enum_places(facade: Facade) -> list[tuple[str, tuple[str, ...]]]:
    """(operation, place) for every enum value in a success body of the facade's spec."""
    bodies = spec_bodies(facade.spec)
    return [(op, place) for op in bodies.operations for place in bodies.enum_places(op)]


def json_operations(facade: Facade) -> list[str]:
    """The operations of the facade's spec that answer a JSON body."""
    return [op for op, facts in spec_bodies(facade.spec).operations.items() if facts.schema]


def test_every_operation_is_reached_by_some_method() -> None:
    for facade in FACADES:
        json_operations = {
            name for name, op in spec_bodies(facade.spec).operations.items() if op.schema
        }
        assert json_operations <= set(method_for(facade)), facade.id


def test_both_specs_have_enums_in_responses_or_none_to_test() -> None:
    # Trackyard's closed enums (tier, energy level) must be found by the spec walk.
    assert {p for op in ("getMe", "search") for p in spec_bodies("openapi.yaml").enum_places(op)}


def values(model: Any) -> list[Any]:
    """Every value inside a result, models and lists opened."""
    found = [model]
    if isinstance(model, list):
        found += [v for item in model for v in values(item)]
    elif attrs.has(type(model)):
        for f in attrs.fields(type(model)):
            found += values(getattr(model, f.name))
    return found


@EACH_FACADE
def test_an_unknown_enum_value_reads_as_a_plain_string(
    facade: Facade, caplog: pytest.LogCaptureFixture
) -> None:
    """For every enum in every success body of the spec."""
    caplog.set_level(logging.INFO, logger="backbeat")
    for operation, place in enum_places(facade):
        caplog.clear()
        _an_unknown_enum_value_reads_as_a_plain_string(facade, operation, place, caplog)


def _an_unknown_enum_value_reads_as_a_plain_string(
    facade: Facade, operation: str, place: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    bodies = spec_bodies(facade.spec)
    body = with_value_at(bodies.operations[operation].body, place, NEW_VALUE)
    api = ScriptedAPI(bodies, bodies={operation: body})
    client = facade.build(api)
    method = method_for(facade)[operation]
    result = call(facade, client, method)
    read = [v for v in values(result) if v == NEW_VALUE]
    assert read
    assert all(type(v) is str for v in read)
    call(facade, client, method)  # the same value again: logged once per client
    lines = [r.getMessage() for r in caplog.records if NEW_VALUE in r.getMessage()]
    assert len(lines) == 1, lines
    assert caplog.records[0].levelno == logging.INFO
    assert place[-1] in lines[0]
    assert facade.api_key not in lines[0]
    # A second client logs it again: the log is once per client, not once per process.
    call(facade, facade.build(ScriptedAPI(bodies, bodies={operation: body})), method)
    assert len([r for r in caplog.records if NEW_VALUE in r.getMessage()]) == 2


@EACH_FACADE
def test_an_unknown_enum_value_fails_under_strict(facade: Facade) -> None:
    """For every enum in every success body of the spec."""
    for operation, place in enum_places(facade):
        _an_unknown_enum_value_fails_under_strict(facade, operation, place)


def _an_unknown_enum_value_fails_under_strict(
    facade: Facade, operation: str, place: tuple[str, ...]
) -> None:
    bodies = spec_bodies(facade.spec)
    body = with_value_at(bodies.operations[operation].body, place, NEW_VALUE)
    method = method_for(facade)[operation]
    strict = facade.build(ScriptedAPI(bodies, bodies={operation: body}), strict=True)
    with pytest.raises(APIError, match=place[-1]) as raised:
        call(facade, strict, method)
    assert NEW_VALUE in str(raised.value)
    tolerant = facade.build(ScriptedAPI(bodies, bodies={operation: body}))
    with pytest.raises(APIError):
        call(facade, tolerant.with_options(strict=True), method)
    assert tolerant.with_options(strict=True).with_options().strict is True


@EACH_FACADE
def test_new_fields_at_every_level_are_kept(facade: Facade) -> None:
    """For every JSON body of the spec, tolerant and strict alike."""
    bodies = spec_bodies(facade.spec)
    for operation in json_operations(facade):
        body = with_new_fields(bodies.operations[operation].body)
        for strict in (False, True):
            client = facade.build(ScriptedAPI(bodies, bodies={operation: body}), strict=strict)
            result = call(facade, client, method_for(facade)[operation])
            models = [
                v for v in values(result) if attrs.has(type(v)) and type(v).__module__ != "backbeat"
            ]
            models = [m for m in models if hasattr(m, "additional_properties")]
            assert models, (operation, strict)
            for model in models:
                assert model.additional_properties[NEW_FIELD] == {"nested": [1]}, (
                    operation,
                    type(model).__name__,
                )


@EACH_FACADE
def test_a_body_the_client_cannot_use_still_fails(facade: Facade) -> None:
    """For every JSON body of the spec, tolerant and strict alike."""
    for operation in json_operations(facade):
        for strict in (False, True):
            _a_body_the_client_cannot_use_still_fails(facade, operation, strict)


def _a_body_the_client_cannot_use_still_fails(facade: Facade, operation: str, strict: bool) -> None:
    bodies = spec_bodies(facade.spec)
    facts = bodies.operations[operation]
    method = method_for(facade)[operation]
    required = [name for name in facts.schema.get("required", []) if name in facts.body]
    unusable: list[Any] = ["not an object", [facts.body]]
    if required:
        unusable.append({k: v for k, v in facts.body.items() if k != required[0]})
        unusable.append({**facts.body, required[0]: {"wrong": "type"}})
    for body in unusable:
        client = facade.build(ScriptedAPI(bodies, bodies={operation: body}), strict=strict)
        with pytest.raises(APIError, match=r"not the .* the API spec describes"):
            call(facade, client, method)


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_a_body_that_is_not_json_fails(facade: Facade) -> None:
    bodies = spec_bodies(facade.spec)
    method = next(
        method for op, method in method_for(facade).items() if bodies.operations[op].schema
    )

    class NotJSON(ScriptedAPI):
        def handler(self, request: Any) -> Any:
            response = super().handler(request)
            return type(response)(200, headers=response.headers, content=b"<html>oops</html>")

    with pytest.raises(APIError, match="JSONDecodeError"):
        call(facade, facade.build(NotJSON(bodies)), method)


def test_trackyard_me_with_a_new_tier_and_a_new_field() -> None:
    """The issue's own report: `GET /me` answering `"tier": "enterprise"` plus a new field."""
    facade = FACADES[0]
    bodies = spec_bodies(facade.spec)
    body = {**bodies.operations["getMe"].body, "tier": "enterprise", "seats": 12}
    me = facade.build(ScriptedAPI(bodies, bodies={"getMe": body})).me()
    assert me.tier == "enterprise"
    assert type(me.tier) is str
    assert me.additional_properties == {"seats": 12}
    known = facade.build(ScriptedAPI(bodies)).me()
    assert type(known.tier).__name__ == "Tier"  # known values still read as the enum


@pytest.mark.parametrize("facade", [FACADES[0], FACADES[2]], ids=lambda f: f.spec)
def test_the_generated_reader_builds_what_from_dict_builds(facade: Facade) -> None:
    """The one-pass generated reader replaces the generated `from_dict` for speed: same
    models out, for every model of the package and every JSON body of the spec."""
    client = facade.build(ScriptedAPI(spec_bodies(facade.spec)))
    readers = client.profile.readers
    models = _models_of(importlib.import_module(readers.__name__.rsplit(".", 1)[0] + ".models"))
    assert set(models) == set(readers.READERS) == set(readers.SHAPES)
    for operation in json_operations(facade):
        body = spec_bodies(facade.spec).operations[operation].body
        for data in (body, with_new_fields(body)):
            for model in models:
                if readers.SHAPES[model].check(data):
                    built, unknown = client._reader.read(model, data, strict=True)
                    assert built == model.from_dict(data), (operation, model.__name__)
                    assert built.to_dict() == model.from_dict(data).to_dict()
                    assert unknown == ()


def _models_of(package: Any) -> list[Any]:
    return [m for m in vars(package).values() if isinstance(m, type) and attrs.has(m)]


def test_tolerant_reading_leaves_the_generated_enums_untouched() -> None:
    """An unlisted value reads as the plain string through the generated member table; the
    generated enum class itself is never patched, so outside the reader it still refuses."""
    from backbeat._generated.trackyard import readers
    from backbeat._generated.trackyard.models import Me, Tier
    from backbeat._validation import BodyReader, UnreadableBody

    reader = BodyReader(readers)
    body = {**spec_bodies("openapi.yaml").operations["getMe"].body, "tier": "enterprise"}
    me, unknown = reader.read(Me, body, strict=False)
    assert me.tier == "enterprise"
    assert type(me.tier) is str
    assert [u.field for u in unknown] == ["Me.tier"]
    with pytest.raises(UnreadableBody, match="'enterprise' is not a value the spec lists"):
        reader.read(Me, body, strict=True)
    with pytest.raises(UnreadableBody, match=r"Me\.credits_remaining: expected an integer"):
        reader.read(Me, {**body, "credits_remaining": "7"}, strict=False)
    assert "_missing_" not in vars(Tier)
    with pytest.raises(ValueError, match="is not a valid Tier"):
        Tier("enterprise")


def test_a_date_that_does_not_parse_is_named() -> None:
    facade = FACADES[0]
    bodies = spec_bodies(facade.spec)
    body = {**bodies.operations["getMe"].body, "created_at": "last tuesday"}
    with pytest.raises(APIError, match=r"Me\.created_at: expected a datetime string"):
        facade.build(ScriptedAPI(bodies, bodies={"getMe": body})).me()


def test_results_show_no_generator_sentinel() -> None:
    """An optional field the body leaves out reads as None, and the repr shows only the
    fields that hold a value (plus any undocumented ones)."""
    facade = FACADES[0]
    bodies = spec_bodies(facade.spec)
    body = {k: v for k, v in bodies.operations["getMe"].body.items() if k != "created_at"}
    me = facade.build(ScriptedAPI(bodies, bodies={"getMe": {**body, "plan_note": "x"}})).me()
    assert me.created_at is None
    assert "created_at" not in repr(me)
    assert "Unset" not in repr(me)
    assert repr(me).startswith("Me(tier=")
    assert "additional_properties={'plan_note': 'x'}" in repr(me)


def _documented_bodies() -> list[tuple[Any, Any, dict[str, Any]]]:
    """(readers module, model, body) for every spec success body and each model that fits
    it and documents all its keys."""
    found = []
    for facade in (FACADES[0], FACADES[2]):
        client = facade.build(ScriptedAPI(spec_bodies(facade.spec)))
        readers = client.profile.readers
        for facts in spec_bodies(facade.spec).operations.values():
            if facts.schema is not None and isinstance(facts.body, dict):
                for model, shape in readers.SHAPES.items():
                    keys = {f.key for f in shape.fields}
                    if shape.check(facts.body) and keys.issuperset(facts.body):
                        found.append((readers, model, facts.body))
    return found


DOCUMENTED = _documented_bodies()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(DOCUMENTED),
    dropped=st.sets(st.integers(min_value=0, max_value=30)),
    extra=st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).map("x_".__add__),
        st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.booleans())),
        max_size=3,
    ),
)
def test_generated_readers_agree_with_from_dict(
    case: tuple[Any, Any, dict[str, Any]], dropped: set[int], extra: dict[str, Any]
) -> None:
    """For any documented body, less some optional fields and plus undocumented ones, the
    generated reader builds what the generated `from_dict` builds, and keeps the extras."""
    readers, model, documented = case
    optional = [f.key for f in readers.SHAPES[model].fields if not f.required]
    gone = {key for index, key in enumerate(optional) if index in dropped}
    body = {k: v for k, v in documented.items() if k not in gone} | extra
    unknown: list[object] = []
    built = readers.READERS[model](body, unknown)
    assert built == model.from_dict(body)
    assert unknown == []
    for key in gone:
        field = next(f for f in readers.SHAPES[model].fields if f.key == key)
        assert getattr(built, field.alias) is None
    if hasattr(built, "additional_properties"):
        assert built.additional_properties == extra
