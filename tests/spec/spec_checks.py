"""What the spec tests share, on top of the one spec reader (`backbeat_specs`).

`load`, `operations`, `resolve` and `validator` keep the shape the sandbox tests use (a document
and `Operation(path, method, body)`), read through `backbeat_specs`, so every test sees the same
cached document, the same `$ref` rules and the same validator as the layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import backbeat_specs
from backbeat_specs import Spec
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]


def spec(name: str) -> Spec:
    """The spec file `name` of the repository, loaded once (shared, read-only)."""
    return backbeat_specs.load(ROOT / name)


def load(name: str) -> Mapping[str, Any]:
    """The document of the spec file `name` (shared, read-only)."""
    return spec(name).document


def _spec_of(document: Mapping[str, Any]) -> Spec:
    for name in backbeat_specs.SPEC_FILES.values():
        if spec(name).document is document:
            return spec(name)
    return Spec("<document>", document)


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    body: Mapping[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.body["operationId"])

    def statuses(self) -> set[int]:
        return {int(code) for code in self.body["responses"]}


def operations(document: Mapping[str, Any]) -> list[Operation]:
    return [Operation(op.path, op.method.lower(), op.node) for op in _spec_of(document).operations]


def resolve(document: Mapping[str, Any], node: Any) -> Any:
    """`node` with its local `$ref` chain followed."""
    return _spec_of(document).resolve(node)


def validator(document: Mapping[str, Any], schema_pointer: str) -> Draft202012Validator:
    """The layers' validator (Draft 2020-12, formats asserted) for the schema at a pointer."""
    return _spec_of(document).validator(schema_pointer)


def no_problems(problems: Iterable[str]) -> None:
    """Assert a rule held everywhere it was checked, listing every place it did not."""
    found = list(problems)
    assert not found, "\n".join(found)


_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def normalized(value: Any) -> Any:
    """`value` with date-time strings as datetimes: `Z` and `+00:00` name the same instant."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, str) and _DATE_TIME.match(value):
        return datetime.fromisoformat(value)
    return value


def without_nulls(value: Any) -> Any:
    """`value` without null-valued object keys: the generated models read an absent field and
    a null one alike, as None, and `to_dict` leaves None out (gen/templates/types.py.jinja)."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value
