"""Small OpenAPI documents for the suite's tests, written to a file and loaded as a user's spec
is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from backbeat_contract.spec import Spec


def openapi(paths: dict[str, Any], **top: Any) -> dict[str, Any]:
    """An OpenAPI 3.1 document of `paths`; `top` adds (or replaces) top-level keys."""
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths, **top}


def written(tmp_path: Path, document: dict[str, Any], name: str = "api.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def loaded(tmp_path: Path, paths: dict[str, Any], **top: Any) -> Spec:
    """The suite's reading of `openapi(paths, **top)`."""
    return Spec.load(written(tmp_path, openapi(paths, **top)))
