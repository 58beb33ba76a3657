"""The extension vocabulary (`backbeat_specs/extensions.schema.json`): both specs keep it, and
it refuses a misspelled, misplaced or wrong-typed extension, and a name that names nothing."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import backbeat_specs
import pytest
import yaml
from backbeat_specs import Spec, check_extensions, extension_schema
from backbeat_specs.__main__ import main as check_command
from hypothesis import given
from hypothesis import strategies as st

from tests.spec import spec_checks

OPERATION_EXTENSIONS = {
    name for name in extension_schema()["$defs"]["operation"]["properties"] if name.startswith("x-")
}
SPEC_NAMES = ("openapi.yaml", "musicgpt.openapi.yaml")
NOTES = "tests/contract/notes/notes.openapi.yaml"  # a spec written for no layer of ours


def trackyard() -> dict[str, Any]:
    """A private copy of Trackyard's document, to break."""
    return copy.deepcopy(dict(spec_checks.load("openapi.yaml")))


def problems(document: dict[str, Any]) -> list[str]:
    return check_extensions(Spec("broken.yaml", document))


def tiny(**operation: Any) -> dict[str, Any]:
    """A one-operation document carrying `operation`'s extensions."""
    get = {"operationId": "getThing", "responses": {"200": {"description": "ok"}}, **operation}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/t": {"get": get}},
    }


def download(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/download-track"]["post"]
    return operation


@pytest.mark.parametrize("spec_file", [*SPEC_NAMES, NOTES])
def test_the_specs_keep_the_vocabulary(spec_file: str) -> None:
    assert check_extensions(backbeat_specs.load(spec_checks.ROOT / spec_file)) == []


def test_a_misspelled_extension_is_refused_with_the_likely_name() -> None:
    document = trackyard()
    download(document)["x-credit-cots"] = download(document).pop("x-credit-cost")
    (problem,) = problems(document)
    assert problem.startswith("/paths/~1download-track/post: unknown extension x-credit-cots")
    assert "(did you mean x-credit-cost?)" in problem


EXTENSION_NAMES = st.from_regex(r"x-[a-z][a-z-]{0,20}", fullmatch=True)


@given(name=EXTENSION_NAMES.filter(lambda name: name not in OPERATION_EXTENSIONS))
def test_any_name_outside_the_vocabulary_is_refused_on_an_operation(name: str) -> None:
    assert [p for p in problems(tiny(**{name: 1})) if f"unknown extension {name}" in p]


@pytest.mark.parametrize(
    ("extension", "value", "message"),
    [
        ("x-credit-cost", "one", "'one' is not of type 'integer'"),
        ("x-credit-cost", -1, "-1 is less than the minimum of 0"),
        ("x-idempotent", "yes", "'yes' is not of type 'boolean'"),
        ("x-outputs", 0, "0 is less than the minimum of 1"),
        ("x-requires-one-of", "track_id", "'track_id' is not of type 'array'"),
        ("x-provoke", {"404": {"times": 11}}, "11 is greater than the maximum of 10"),
        ("x-provoke", {"4o4": {"key": "none"}}, "'4o4' does not match"),
        ("x-sandbox-behaviour", "Track Download", "'Track Download' does not match"),
    ],
    ids=["cost-text", "cost-negative", "idempotent-text", "no-outputs", "one-of-string",
         "provoke-times", "provoke-status", "behaviour-name"],
)  # fmt: skip
def test_a_wrong_typed_extension_is_refused_where_it_is(
    extension: str, value: Any, message: str
) -> None:
    document = trackyard()
    download(document)[extension] = value
    found = problems(document)
    assert [p for p in found if p.startswith("/paths/~1download-track/post") and message in p]


@given(value=st.one_of(st.integers(), st.text(), st.floats(allow_nan=False), st.none()))
def test_x_idempotent_takes_only_a_boolean(value: Any) -> None:
    assert any("is not of type 'boolean'" in p for p in problems(tiny(**{"x-idempotent": value})))


def test_an_extension_is_refused_where_the_vocabulary_does_not_put_it() -> None:
    document = trackyard()
    document["x-credit-cost"] = 1  # an operation's extension at the top level
    schemas = document["components"]["schemas"]
    schemas["Track"]["properties"]["id"]["x-idempotent"] = True
    document["components"]["responses"]["Unauthorized"]["x-less-than"] = "x"
    found = "\n".join(problems(document))
    assert "/: unknown extension x-credit-cost" in found
    assert "/components/schemas/Track/properties/id: unknown extension x-idempotent" in found
    assert "/components/responses/Unauthorized: unknown extension x-less-than" in found


def test_a_plan_states_its_numbers_as_counts() -> None:
    document = trackyard()
    document["x-plans"]["free"]["requests-per-day"] = "fifty"
    document["x-plans"]["pro"]["requests-per-hour"] = 10
    del document["x-plans"]["starter"]["credits"]
    assert problems(document) == [
        "/x-plans/free/requests-per-day: 'fifty' is not of type 'integer'",
        "/x-plans/pro: Additional properties are not allowed ('requests-per-hour' was unexpected)",
        "/x-plans/starter: 'credits' is a required property",
    ]


def test_a_name_an_extension_gives_must_exist() -> None:
    document = trackyard()
    download(document)["x-replaced-by"] = "fetchTrack"
    download(document)["x-requires-one-of"] = ["track_id", "song_id"]
    download(document)["x-provoke"]["403"] = {"key": "admin"}
    request = document["components"]["schemas"]["DownloadTrackRequest"]
    request["properties"]["hit_point_seconds"]["x-less-than"] = "length"
    musicgpt = copy.deepcopy(dict(spec_checks.load("musicgpt.openapi.yaml")))
    music = musicgpt["paths"]["/v2/MusicAI"]["post"]
    music["x-rate-limit-category"] = "audio-gen"
    music["x-webhook"] = "musicAI"
    musicgpt["x-key-roles"]["low-limit"]["plan"] = "gold"
    assert problems(document) + problems(musicgpt) == [
        "/components/schemas/DownloadTrackRequest/properties/hit_point_seconds/x-less-than: "
        "'length' is no sibling property",
        "/paths/~1download-track/post/x-replaced-by: 'fetchTrack' is no operationId",
        "/paths/~1download-track/post/x-requires-one-of: 'song_id' is no parameter or body field",
        "/paths/~1download-track/post: x-provoke 403 names key 'admin', no role of x-key-roles",
        "/paths/~1v2~1MusicAI/post/x-rate-limit-category: 'audio-gen' is no "
        "x-rate-limit-categories entry",
        "/paths/~1v2~1MusicAI/post/x-webhook: 'musicAI' is no `webhooks` entry",
        "/x-key-roles/low-limit/plan: 'gold' is no plan of x-rate-limit-categories",
    ]


def test_the_check_command_passes_good_specs_and_fails_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trackyard_file, musicgpt_file = (str(spec_checks.ROOT / name) for name in SPEC_NAMES)
    assert check_command(["check", trackyard_file, musicgpt_file]) == 0
    assert capsys.readouterr().err == ""
    document = trackyard()
    download(document)["x-credit-cots"] = 1
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(document))
    assert check_command(["check", trackyard_file, str(broken), str(tmp_path / "no.yaml")]) == 1
    out, err = capsys.readouterr()
    assert "unknown extension x-credit-cots" in err
    assert "no.yaml: no such file" in err
    assert "openapi.yaml: extensions OK" in out


def test_the_vocabulary_ships_in_the_wheel_beside_the_reader() -> None:
    pyproject = tomllib.loads((spec_checks.ROOT / "pyproject.toml").read_text())
    assert "*.schema.json" in pyproject["tool"]["setuptools"]["package-data"]["backbeat_specs"]
    assert extension_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
