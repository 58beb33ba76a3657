"""Reusable readers for the hand-written specs: operations, examples and their schemas.

Shared by the per-API spec tests so that each API's test file states only its decisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SPEC_URI = "urn:backbeat:spec"


@cache
def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    body: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.body["operationId"])

    def statuses(self) -> set[int]:
        return {int(code) for code in self.body["responses"]}


def operations(spec: dict[str, Any]) -> list[Operation]:
    return [
        Operation(path, method, item[method])
        for path, item in spec["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s until a concrete object."""
    while "$ref" in node:
        node = pointer(spec, node["$ref"])
    return node


def pointer(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#").removeprefix("/").split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


@dataclass(frozen=True)
class Example:
    where: str
    schema_pointer: str
    value: Any


def _media_examples(spec: dict[str, Any], where: str, media_pointer: str) -> Iterator[Example]:
    media = pointer(spec, media_pointer)
    if "schema" not in media:
        return
    schema_pointer = media_pointer + "/schema"
    if "example" in media:
        yield Example(where, schema_pointer, media["example"])
    for name, example in media.get("examples", {}).items():
        yield Example(f"{where} example {name!r}", schema_pointer, resolve(spec, example)["value"])


def _ref_pointer(spec: dict[str, Any], node_pointer: str) -> str:
    node = pointer(spec, node_pointer)
    while "$ref" in node:
        node_pointer = node["$ref"].removeprefix("#")
        node = pointer(spec, node_pointer)
    return node_pointer


def webhooks(spec: dict[str, Any]) -> list[Operation]:
    """The operations of the top-level OpenAPI 3.1 `webhooks` map (`path` is the webhook name)."""
    return [
        Operation(name, method, item[method])
        for name, item in spec.get("webhooks", {}).items()
        for method in HTTP_METHODS
        if method in item
    ]


def examples(spec: dict[str, Any]) -> list[Example]:
    """Every request/response media example and every header example, with its schema, in
    `paths` and in `webhooks`."""
    found: list[Example] = []
    located = [("paths", op) for op in operations(spec)]
    located += [("webhooks", op) for op in webhooks(spec)]
    for section, op in located:
        base = f"/{section}/{op.path.replace('~', '~0').replace('/', '~1')}/{op.method}"
        if "requestBody" in op.body:
            body = _ref_pointer(spec, base + "/requestBody")
            for media_type in pointer(spec, body)["content"]:
                media = f"{body}/content/{media_type.replace('/', '~1')}"
                found += _media_examples(spec, f"{op.operation_id} request {media_type}", media)
        for code in op.body["responses"]:
            response = _ref_pointer(spec, f"{base}/responses/{code}")
            where = f"{op.operation_id} {code}"
            for media_type in pointer(spec, response).get("content", {}):
                media = f"{response}/content/{media_type.replace('/', '~1')}"
                found += _media_examples(spec, f"{where} {media_type}", media)
            for name in pointer(spec, response).get("headers", {}):
                header = _ref_pointer(spec, f"{response}/headers/{name}")
                if "example" in pointer(spec, header):
                    found.append(
                        Example(
                            f"{where} header {name}",
                            header + "/schema",
                            pointer(spec, header)["example"],
                        )
                    )
    return found


def all_examples(spec: dict[str, Any]) -> list[Example]:
    """`examples(spec)`, plus every parameter `example` and every schema-level `examples` entry."""
    return [*examples(spec), *_parameter_examples(spec), *_schema_examples(spec)]


def _parameter_examples(spec: dict[str, Any]) -> Iterator[Example]:
    for op in operations(spec):
        base = f"/paths/{op.path.replace('/', '~1')}/{op.method}/parameters"
        for index, raw in enumerate(op.body.get("parameters", [])):
            param = resolve(spec, raw)
            where = raw["$ref"].removeprefix("#") if "$ref" in raw else f"{base}/{index}"
            if "example" in param:
                yield Example(f"{op.operation_id} {param['name']}", f"{where}/schema",
                              param["example"])  # fmt: skip


def _schema_examples(spec: dict[str, Any]) -> Iterator[Example]:
    stack: list[tuple[Any, str]] = [(spec["components"]["schemas"], "/components/schemas")]
    while stack:
        node, where = stack.pop()
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("examples"), list) and ("type" in node or "$ref" in node):
            found = (Example(where, where, value) for value in node["examples"])
            yield from found
        stack.extend((child, f"{where}/{key}") for key, child in node.items())


def validator(spec: dict[str, Any], schema_pointer: str) -> Draft202012Validator:
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    # Local refs inside the spec ("#/components/...") resolve against the spec document itself.
    schema = {"$ref": f"{SPEC_URI}#{schema_pointer}"}
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


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


def schema_name(spec: dict[str, Any], schema_pointer: str) -> str | None:
    """The components/schemas name behind a media type's schema, if it is a plain `$ref`."""
    node = pointer(spec, schema_pointer)
    ref = node.get("$ref", "")
    prefix = "#/components/schemas/"
    return ref.removeprefix(prefix) if ref.startswith(prefix) else None
