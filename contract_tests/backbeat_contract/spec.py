"""Facts the suite reads from an OpenAPI 3.1 document: operations, documented statuses, media
types, header and body schemas, credit costs and the security scheme."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:contract-spec"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

Node = Mapping[str, Any]


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    required: bool
    schema: Node


@dataclass(frozen=True)
class SecurityScheme:
    """Where the key goes: `Authorization: Bearer <key>` or a raw key in a named header."""

    header: str
    prefix: str

    def value(self, key: str) -> str:
        return f"{self.prefix}{key}"


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Operation:
    spec: Spec
    operation_id: str
    method: str
    path: str
    pointer: str

    @property
    def node(self) -> Node:
        return self.spec.at(self.pointer)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def credit_cost(self) -> int:
        return int(self.node.get("x-credit-cost", 0))

    @property
    def is_secured(self) -> bool:
        security = self.node.get("security", self.spec.document.get("security", []))
        return bool(security)

    @property
    def statuses(self) -> tuple[int, ...]:
        return tuple(sorted(int(code) for code in self.node.get("responses", {}) if code.isdigit()))

    @property
    def success_status(self) -> int:
        return next(status for status in self.statuses if 200 <= status < 300)

    def response_pointer(self, status: int) -> str:
        pointer = f"{self.pointer}/responses/{status}"
        return self.spec.follow(pointer)

    def media_types(self, status: int) -> tuple[str, ...]:
        return tuple(self.spec.at(self.response_pointer(status)).get("content", {}))

    def body_validator(self, status: int, media_type: str) -> Draft202012Validator | None:
        content = self.spec.at(self.response_pointer(status)).get("content", {})
        if "schema" not in content.get(media_type, {}):
            return None
        pointer = f"{self.response_pointer(status)}/content/{_escape_pointer(media_type)}/schema"
        return self.spec.validator_for(pointer)

    def headers(self, status: int) -> tuple[HeaderSpec, ...]:
        declared = self.spec.at(self.response_pointer(status)).get("headers", {})
        specs = []
        for name in declared:
            header = self.spec.at(self.spec.follow(self._header_pointer(status, name)))
            specs.append(HeaderSpec(name, bool(header.get("required")), header.get("schema", {})))
        return tuple(specs)

    def _header_pointer(self, status: int, name: str) -> str:
        return f"{self.response_pointer(status)}/headers/{_escape_pointer(name)}"

    @property
    def request_media_type(self) -> str | None:
        content = self.spec.resolve(self.node.get("requestBody", {})).get("content", {})
        return next(iter(content), None)

    def request_examples(self) -> list[Any]:
        body = self.spec.resolve(self.node.get("requestBody", {}))
        examples: list[Any] = []
        for media in body.get("content", {}).values():
            examples += [
                self.spec.resolve(ex).get("value") for ex in media.get("examples", {}).values()
            ]
            if "example" in media:
                examples.append(media["example"])
        return examples

    @property
    def request_schema(self) -> Node:
        body = self.spec.resolve(self.node.get("requestBody", {}))
        for media in body.get("content", {}).values():
            return self.spec.resolve(media.get("schema", {}))
        return {}

    @property
    def query_parameters(self) -> tuple[Node, ...]:
        params = (self.spec.resolve(p) for p in self.node.get("parameters", []))
        return tuple(p for p in params if p.get("in") == "query")


@dataclass
class Spec:
    path: Path
    document: Node

    @classmethod
    def load(cls, path: Path) -> Spec:
        return cls(path, yaml.safe_load(path.read_text(encoding="utf-8")))

    def at(self, pointer: str) -> Node:
        node: Any = self.document
        for token in pointer.lstrip("#/").split("/") if pointer.strip("#/") else []:
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node  # type: ignore[no-any-return]

    def follow(self, pointer: str) -> str:
        """The pointer a `$ref` chain starting at `pointer` ends on."""
        while "$ref" in (node := self.at(pointer)):
            pointer = str(node["$ref"])
        return pointer

    def resolve(self, node: Node) -> Node:
        while "$ref" in node:
            node = self.at(str(node["$ref"]))
        return node

    @cached_property
    def _registry(self) -> Registry[Any]:
        resource: Resource[Any] = Resource.from_contents(
            self.document, default_specification=DRAFT202012
        )
        registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        return registry

    def validator_for(self, pointer: str) -> Draft202012Validator:
        schema = {"$ref": f"{SPEC_URI}{pointer}"}
        return Draft202012Validator(schema, registry=self._registry)

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(self._iter_operations())

    def _iter_operations(self) -> Iterator[Operation]:
        for path, item in self.document.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    pointer = f"#/paths/{_escape_pointer(path)}/{method}"
                    yield Operation(
                        self, item[method]["operationId"], method.upper(), path, pointer
                    )

    def operation(self, operation_id: str) -> Operation:
        return next(op for op in self.operations if op.operation_id == operation_id)

    def find(self, method: str, path: str) -> Operation | None:
        """The operation serving a request path relative to the base URL (no templated paths)."""
        return next((op for op in self.operations if (op.method, op.path) == (method, path)), None)

    @cached_property
    def security(self) -> SecurityScheme:
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        scheme = next(iter(schemes.values()))
        if scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "bearer":
            return SecurityScheme("Authorization", "Bearer ")
        return SecurityScheme(str(scheme["name"]), "")
