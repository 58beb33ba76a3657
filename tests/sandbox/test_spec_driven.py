"""The sandbox serves what the spec says: each operation's behaviour (`x-sandbox-behaviour`) and
Trackyard's plans (`x-plans`) come from the spec; one the sandbox cannot honour stops it at
start, naming the place, instead of answering 500 on the first call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from backbeat_sandbox import create_app
from backbeat_sandbox.musicgpt import MusicGPT
from backbeat_sandbox.spec import SpecError
from backbeat_sandbox.trackyard import Trackyard
from backbeat_specs import read_document, spec_path
from starlette.testclient import TestClient

from tests.sandbox.conftest import TRACKYARD, bearer


def _served(tmp_path: Path, api: str, document: dict[str, Any]) -> Any:
    """An app serving `document` as the spec of `api` alone."""
    (tmp_path / spec_path(api).name).write_text(yaml.safe_dump(document), encoding="utf-8")
    behaviour = Trackyard() if api == "trackyard" else MusicGPT()
    return create_app(spec_dir=tmp_path, apis=[behaviour])


def test_the_plans_of_the_spec_are_the_magic_keys_plans(tmp_path: Path) -> None:
    document = read_document(spec_path("trackyard"))
    document["x-plans"]["free"].update({"credits": 60, "requests-per-minute": 7})
    del document["x-plans"]["free"]["requests-per-day"]
    with TestClient(_served(tmp_path, "trackyard", document)) as client:
        me = client.get(f"{TRACKYARD}/me", headers=bearer("ty_test_free"))
    assert me.json()["credits_remaining"] == 60
    assert me.json()["rate_limit"] == {"requests_per_minute": 7, "requests_per_day": None}
    assert me.headers["X-RateLimit-Limit"] == "7"


def test_a_plan_the_magic_keys_need_must_be_in_the_spec(tmp_path: Path) -> None:
    document = read_document(spec_path("trackyard"))
    del document["x-plans"]["starter"]
    with pytest.raises(SpecError, match="x-plans names no starter"):
        _served(tmp_path, "trackyard", document)


@pytest.mark.parametrize("api", ["trackyard", "musicgpt"])
def test_a_behaviour_the_sandbox_lacks_stops_it_at_start(tmp_path: Path, api: str) -> None:
    document = read_document(spec_path(api))
    operation = next(
        op
        for item in document["paths"].values()
        for op in item.values()
        if "x-sandbox-behaviour" in op
    )
    operation["x-sandbox-behaviour"] = "teleport"
    with pytest.raises(SpecError) as refused:
        _served(tmp_path, api, document)
    assert f"{operation['operationId']} x-sandbox-behaviour: no 'teleport'" in str(refused.value)


def test_an_operation_without_a_behaviour_stops_it_at_start(tmp_path: Path) -> None:
    """A task start (`x-outputs`) needs no name; any other operation must state one."""
    document = read_document(spec_path("musicgpt"))
    voices = document["paths"]["/v1/getAllVoices"]["get"]
    del voices["x-sandbox-behaviour"]
    with pytest.raises(SpecError, match="listVoices names no x-sandbox-behaviour"):
        _served(tmp_path, "musicgpt", document)
