"""Documented example bodies, read through the one spec reader (`backbeat_specs`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import backbeat_specs
from backbeat_specs import Spec

__all__ = ["load", "response_example"]


def load(path: Path) -> Spec:
    return backbeat_specs.load(path)


def response_example(spec: Spec, path: str, method: str, status: int) -> Any:
    """The JSON example of one documented response: `example`, else the first of `examples`."""
    operation = next(op for op in spec.operations if (op.path, op.method) == (path, method.upper()))
    return operation.response(status).content["application/json"].first_example
