"""The facade methods generated from the specs (tools/gen_facade.py): one per operation of
either API, shaped by the spec alone, so a new operation costs spec lines only."""

from __future__ import annotations

import ast
import copy
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import backbeat_specs
import pytest
import yaml
from backbeat import AsyncMusicGPT, AsyncTrackyard, MusicGPT, Trackyard
from backbeat._generated.musicgpt import facade as musicgpt_facade
from backbeat._generated.trackyard import facade as trackyard_facade

ROOT = Path(__file__).resolve().parents[2]
SPECS = {
    "musicgpt": backbeat_specs.read_document(ROOT / "musicgpt.openapi.yaml"),
    "trackyard": backbeat_specs.read_document(ROOT / "openapi.yaml"),
}
FACADES = {"musicgpt": musicgpt_facade, "trackyard": trackyard_facade}
PER_CALL_OPTIONS = ["extra_headers", "timeout"]


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        operation["operationId"]: operation
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def _generated(document: dict[str, Any], tmp_path: Path) -> ast.Module:
    spec_file, out = tmp_path / "spec.yaml", tmp_path / "facade.py"
    spec_file.write_text(yaml.safe_dump(document), encoding="utf-8")
    subprocess.run(
        [sys.executable, "tools/gen_facade.py", str(spec_file), str(out)], cwd=ROOT, check=True
    )
    return ast.parse(out.read_text(encoding="utf-8"))


def _signatures(module: ast.Module, cls: str) -> dict[str, list[str]]:
    body = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    return {
        node.name: [arg.arg for arg in node.args.args[1:] + node.args.kwonlyargs]
        for node in body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
    }


def _public(cls: type) -> set[str]:
    return {name for name in vars(cls) if not name.startswith("_")}


@pytest.mark.parametrize("api", ["musicgpt", "trackyard"])
def test_a_method_per_operation_in_all_four_classes(api: str) -> None:
    """Named by `x-method`, else the operationId in snake case; `x-method: false` leaves it
    to the facade. Sync, async and both raw variants have the same methods."""
    expected = {
        facts.get("x-method") or re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", op).lower()
        for op, facts in _operations(SPECS[api]).items()
        if facts.get("x-method", True) is not False
    }
    module = FACADES[api]
    assert _public(module.Methods) == expected
    for cls in (module.AsyncMethods, module.RawMethods, module.AsyncRawMethods):
        assert _public(cls) == expected


@pytest.mark.parametrize("facade", [Trackyard, AsyncTrackyard, MusicGPT, AsyncMusicGPT])
def test_every_public_method_declares_the_per_call_options(facade: type) -> None:
    """Generated or written by hand, every method takes `extra_headers=`, and `timeout=`
    unless it has a `timeout` of its own (a wait's deadline); so does its raw variant."""
    raw = type(facade.with_raw_response.fget(object.__new__(facade)))  # type: ignore[attr-defined]
    machinery = {"close", "with_options"}
    for name in _public_methods(facade) - machinery:
        for cls in (facade, raw):
            parameters = inspect.signature(getattr(cls, name)).parameters
            assert "extra_headers" in parameters, f"{cls.__name__}.{name}"
            assert "timeout" in parameters, f"{cls.__name__}.{name}"


def _public_methods(cls: type) -> set[str]:
    return {
        name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name, None))
    }


def test_a_new_operation_costs_spec_lines_only(tmp_path: Path) -> None:
    """Media from the upload pair, then the required fields in order, `x-argument` naming one;
    the optional fields keyword-only, then the per-call options; the docstring names the
    conversion type; `deprecated` warns, naming `x-replaced-by`."""
    document = copy.deepcopy(SPECS["musicgpt"])
    cut = document["paths"]["/v1/audio_cutter"]["post"]
    reverse = copy.deepcopy(cut)
    reverse.update(
        operationId="reverseAudio",
        summary="Start reversing a recording",
        deprecated=True,
        **{"x-conversion-type": "AUDIO_REVERSER", "x-replaced-by": "cutAudio"},
    )
    document["paths"]["/v1/audio_reverser"] = {"post": reverse}
    module = _generated(document, tmp_path)
    signatures = _signatures(module, "Methods")
    assert signatures["reverse_audio"][:3] == ["audio", "start_ms", "end_ms"]
    assert signatures["reverse_audio"][-2:] == PER_CALL_OPTIONS
    for cls in ("AsyncMethods", "RawMethods", "AsyncRawMethods"):
        assert _signatures(module, cls) == signatures
    source = ast.unparse(module)
    assert "Start reversing a recording (1 credit). Type AUDIO_REVERSER." in source
    assert "reverse_audio calls a deprecated vendor endpoint; use cut_audio" in source
    # A started conversion is returned as a job that knows its conversion type (backbeat._jobs).
    assert "-> RawResponse[ConversionJob]" in source


def test_a_new_trackyard_operation_costs_spec_lines_only(tmp_path: Path) -> None:
    """A query operation: required parameters positional, optional ones keyword-only, an
    enum a `Literal` of its values."""
    document = copy.deepcopy(SPECS["trackyard"])
    usage = copy.deepcopy(document["paths"]["/usage"]["get"])
    usage.update(operationId="listGenres", summary="List the genres")
    usage.pop("x-method")
    usage["parameters"] = [
        {"name": "startsWith", "in": "query", "required": True, "schema": {"type": "string"}},
        {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
    ]
    document["paths"]["/genres"] = {"get": usage}
    module = _generated(document, tmp_path)
    assert _signatures(module, "Methods")["list_genres"] == [
        "starts_with",
        "order",
        *PER_CALL_OPTIONS,
    ]
    assert "order: Literal['asc', 'desc'] | None=None" in ast.unparse(module)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = ast.dump(_generated(SPECS["musicgpt"], tmp_path))
    assert ast.dump(_generated(SPECS["musicgpt"], tmp_path)) == first
