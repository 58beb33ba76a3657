"""The webhook event classes generated from the spec's `webhooks` (tools/gen_webhooks.py):
a new payload, or a new property of one, costs spec lines only."""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import backbeat_specs
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = backbeat_specs.read_document(ROOT / "musicgpt.openapi.yaml")


def _generated(document: dict[str, Any], tmp_path: Path) -> ast.Module:
    spec_file, out = tmp_path / "spec.yaml", tmp_path / "webhooks.py"
    spec_file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    subprocess.run(
        [sys.executable, "tools/gen_webhooks.py", str(spec_file), str(out)], cwd=ROOT, check=True
    )
    return ast.parse(out.read_text(encoding="utf-8"))


def _annotations(module: ast.Module, cls: str) -> dict[str, str]:
    body = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    return {
        node.target.id: ast.unparse(node.annotation)
        for node in body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def test_a_new_payload_schema_becomes_an_event_class_typed_from_its_properties(
    tmp_path: Path,
) -> None:
    document = copy.deepcopy(SPEC)
    document["components"]["schemas"]["VideoWebhook"] = {
        "type": "object",
        "x-event": "VideoEvent",
        "required": ["task_id", "conversion_type"],
        "properties": {
            "task_id": {"type": "string"},
            "conversion_type": {"type": "string"},
            "video_url": {"type": "string"},
            "frames": {"type": ["number", "string"]},
            "thumbnails": {"type": "array", "items": {"type": "string"}},
        },
    }
    document["webhooks"]["video"] = {
        "post": {
            "requestBody": {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/VideoWebhook"}}
                }
            },
            "responses": {"200": {"description": "Received."}},
        }
    }
    module = _generated(document, tmp_path)
    assert _annotations(module, "VideoEvent") == {
        "video_url": "str | None",
        "frames": "float | None",
        "thumbnails": "tuple[str, ...]",
    }
    assert "read_video_webhook" in ast.unparse(module)


def test_a_new_property_becomes_an_attribute_of_its_class(tmp_path: Path) -> None:
    document = copy.deepcopy(SPEC)
    document["components"]["schemas"]["AudioToMidiWebhook"]["properties"]["tempo_map"] = {
        "type": "object",
        "additionalProperties": {"type": "number"},
    }
    module = _generated(document, tmp_path)
    assert _annotations(module, "MidiEvent")["tempo_map"] == "Mapping[str, float]"
