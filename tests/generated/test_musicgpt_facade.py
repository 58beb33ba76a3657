"""The facade methods generated from the MusicGPT spec (tools/gen_facade.py): one per operation
with `x-outputs`, shaped by the spec alone, so a new conversion operation costs spec lines."""

from __future__ import annotations

import ast
import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from backbeat._generated.musicgpt.facade import AsyncConversionMethods, ConversionMethods

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "musicgpt.openapi.yaml").read_text(encoding="utf-8"))


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
        node.name: [arg.arg for arg in node.args.args[1:]]
        for node in body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
    }


def test_a_method_per_task_operation_in_both_mixins() -> None:
    starting = {op for op, facts in _operations(SPEC).items() if "x-outputs" in facts}
    names = {name for name in vars(ConversionMethods) if not name.startswith("_")}
    assert names == {re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", op).lower() for op in starting}
    assert names == {name for name in vars(AsyncConversionMethods) if not name.startswith("_")}
    assert {"generate_music", "cut_audio"} <= names
    assert not names & {"get_conversion", "list_voices", "generate_lyrics"}  # hand-written


def test_a_new_operation_costs_spec_lines_only(tmp_path: Path) -> None:
    """Media from the upload pair, then the required fields in order, `x-argument` naming one;
    the docstring names the conversion type; `deprecated` warns, naming `x-replaced-by`."""
    document = copy.deepcopy(SPEC)
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
    signatures = _signatures(module, "ConversionMethods")
    assert signatures["reverse_audio"] == ["audio", "start_ms", "end_ms"]
    assert signatures == _signatures(module, "AsyncConversionMethods")
    source = ast.unparse(module)
    assert "Start reversing a recording. Type AUDIO_REVERSER." in source
    assert "reverse_audio calls a deprecated vendor endpoint; use cut_audio" in source


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = ast.dump(_generated(SPEC, tmp_path))
    assert ast.dump(_generated(SPEC, tmp_path)) == first
