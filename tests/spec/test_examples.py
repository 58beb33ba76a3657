"""Every example the specs document is valid against its own schema, and every media example
survives a round trip through the generated model of its schema.

One test per spec and rule: a spec's examples are many (about 1,250 in both), but they are data,
and the rule is one. A failure lists every broken example by where it sits.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from backbeat_specs import Example, Spec

from tests.spec import spec_checks

# Spec file -> its generated client package.
CLIENTS = {
    "openapi.yaml": "backbeat._generated.trackyard",
    "musicgpt.openapi.yaml": "backbeat._generated.musicgpt",
}
SPEC_FILES = pytest.mark.parametrize("spec_file", sorted(CLIENTS))


def distinct(examples: tuple[Example, ...]) -> dict[tuple[str, str], list[str]]:
    """(schema pointer, value as JSON) -> where each copy of it is documented."""
    found: dict[tuple[str, str], list[str]] = {}
    for example in examples:
        key = (example.schema_pointer, json.dumps(example.value, sort_keys=True))
        found.setdefault(key, []).append(example.where)
    return found


@SPEC_FILES
def test_every_example_is_valid_against_its_schema(spec_file: str) -> None:
    spec = spec_checks.spec(spec_file)
    problems = []
    for (pointer, value), places in distinct(spec.all_examples()).items():
        errors = [error.message for error in spec.validator(pointer).iter_errors(json.loads(value))]
        if errors:
            problems.append(f"{places[0]} (and {len(places) - 1} more): {errors}")
    spec_checks.no_problems(problems)


def test_every_kind_of_example_is_collected() -> None:
    # Guards the test above: media, header, parameter and schema-level examples all count.
    trackyard = spec_checks.spec("openapi.yaml")
    assert len(trackyard.examples()) >= 30
    musicgpt = spec_checks.spec("musicgpt.openapi.yaml")
    assert len(musicgpt.examples()) >= 35
    kinds = {e.where.split(" ")[1] for e in musicgpt.all_examples() if " " in e.where}
    assert {"request", "200", "402", "429", "task_id", "prompt"} <= kinds
    assert len(musicgpt.schema_examples()) >= 15
    assert any(" header " in e.where for e in trackyard.examples())


def test_the_validator_sees_referenced_schemas_and_formats() -> None:
    # Guards the test above: a validator that saw nothing would pass every example.
    trackyard = spec_checks.spec("openapi.yaml")
    assert not trackyard.validator("/components/schemas/SearchRequest").is_valid(
        {"query": 1, "limit": 0}
    )
    musicgpt = spec_checks.spec("musicgpt.openapi.yaml")
    assert not musicgpt.validator("/components/schemas/Error").is_valid({"success": True})
    assert not musicgpt.validator("/components/schemas/ChangeVoiceRequest").is_valid({"pitch": 13})
    speech = musicgpt.validator("/components/schemas/TextToSpeechRequest")
    assert not speech.is_valid({"text": "Hello", "webhook_url": "not a uri"}), "uri is checked"


def model_examples(spec: Spec, package: str) -> list[tuple[str, Any, Any]]:
    """(where, generated model class, value) for every media example with a named schema."""
    models = importlib.import_module(f"{package}.models")
    found = []
    for op in (*spec.operations, *spec.webhooks):
        body = op.request_body
        media = [*(body.content.values() if body else ()), *(
            m for response in op.responses for m in response.content.values())]  # fmt: skip
        for item in media:
            if item.schema_name is None:
                continue
            for example in item.examples(f"{op.operation_id} {item.media_type}"):
                found.append((example.where, getattr(models, item.schema_name), example.value))
    return found


@SPEC_FILES
def test_generated_models_round_trip_every_media_example(spec_file: str) -> None:
    spec = spec_checks.spec(spec_file)
    found = model_examples(spec, CLIENTS[spec_file])
    media_examples = [e for e in spec.examples() if " header " not in e.where]
    assert found, "no media example has a named schema"
    problems = []
    for where, model, value in found:
        round_tripped = model.from_dict(value).to_dict()
        # The generated models read an absent field and a null one alike, as None.
        expected = spec_checks.without_nulls(value)
        if spec_checks.normalized(round_tripped) != spec_checks.normalized(expected):
            problems.append(f"{where}: {model.__name__} gives back {round_tripped!r}")
    spec_checks.no_problems(problems)
    if spec_file == "musicgpt.openapi.yaml":
        assert len(found) == len(media_examples), "every MusicGPT media example has a model"
