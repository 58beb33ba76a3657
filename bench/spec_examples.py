"""Documented example bodies, read from an OpenAPI document (local `$ref`s resolved)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load", "response_example"]


def load(path: Path) -> Mapping[str, Any]:
    document: Mapping[str, Any] = yaml.safe_load(path.read_text())
    return document


def response_example(spec: Mapping[str, Any], path: str, method: str, status: int) -> Any:
    """The JSON example of one documented response: `example`, else the first of `examples`."""
    operation = spec["paths"][path][method.lower()]
    response = _resolved(spec, operation["responses"][str(status)])
    media = response["content"]["application/json"]
    if "example" in media:
        return media["example"]
    first = next(iter(media["examples"].values()))
    return _resolved(spec, first)["value"]


def _resolved(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        reference: str = node["$ref"]
        if not reference.startswith("#/"):
            raise ValueError(f"only local references are supported, not {reference!r}")
        target: Any = spec
        for key in reference[2:].split("/"):
            target = target[key.replace("~1", "/").replace("~0", "~")]
        node = target
    return node
