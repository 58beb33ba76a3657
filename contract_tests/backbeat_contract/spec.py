"""Facts the suite reads from an OpenAPI 3.0/3.1 document: operations, documented statuses,
media types, header and body schemas, the security scheme, links, and the vendor extensions of
docs/spec-extensions.md (how to provoke a status, key roles, meter headers, plan limits)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import backbeat_specs
from backbeat_specs import SpecError as SpecError
from backbeat_specs.validation import SPEC_URI as SPEC_URI
from backbeat_specs.validation import registry_for, schema_validator
from jsonschema import Draft202012Validator
from referencing import Registry

from backbeat_contract.security import Requirement, Scheme, requirements

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
# Header names that announce a rate limit and what is left of it, when the spec does not name
# its own in `x-meter-headers` (compared case-insensitively).
WELL_KNOWN_METERS = {
    "limit": ("X-RateLimit-Limit", "RateLimit-Limit", "X-Rate-Limit-Limit"),
    "remaining": ("X-RateLimit-Remaining", "RateLimit-Remaining", "X-Rate-Limit-Remaining"),
}
# The IETF structured fields that carry a meter among their parameters (see `meters`).
IETF_METERS = {"limit": "RateLimit-Policy", "remaining": "RateLimit"}

Node = Mapping[str, Any]
# A cell's status: a documented code, or "default" (any code the operation does not list).
Status = int | str
DEFAULT = "default"
T = TypeVar("T")
# A request tweak (`x-provoke`'s `request`): `body` and `query`/`path`/`headers` entries merge
# into the request, `omit` lists body fields and query parameters to leave out.
Tweak = Mapping[str, Any]


@dataclass(frozen=True)
class Provocation(backbeat_specs.Provocation):
    """One way to provoke a status (`x-provoke`), as `backbeat_specs` reads it, and how the
    reports say it."""

    def describe(self) -> str:
        parts = ["a burst"] if self.burst else []
        if self.key == "none":
            parts.append("no key")
        elif self.key == "unknown":
            parts.append("an unknown key")
        elif self.key:
            parts.append(f"a {self.key} key")
        if self.request:
            parts.append(f"x-provoke request {dict(self.request)}")
        if self.times > 1:
            parts.append(f"sent {self.times} times")
        return ", ".join(parts or ["a valid request"])


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    required: bool
    schema: Node


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class _Read(Generic[T]):
    """An operation's optional extension as `backbeat_specs` reads it (`Operation.reader`)."""

    def __set_name__(self, owner: type[Operation], name: str) -> None:
        self.name = name

    def __get__(self, operation: Operation, owner: type[Operation] | None = None) -> T | None:
        return cast("T | None", getattr(operation.reader, self.name))


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

    @cached_property
    def reader(self) -> backbeat_specs.Operation:
        """The operation as `backbeat_specs` reads it: the extensions, typed, read one way for
        every layer (a value of the wrong type is a `SpecError` naming the place)."""
        pointer = self.pointer.removeprefix("#")
        return backbeat_specs.Operation(
            self.spec.reader, self.operation_id, self.method, self.path, pointer, self.node
        )

    @property
    def credit_cost(self) -> int:
        return self.reader.credit_cost or 0

    rate_limit_category = _Read[str]()
    webhook = _Read[str]()
    """The key of the spec's top-level `webhooks` this operation delivers."""
    outputs = _Read[int]()
    """How many conversion ids a start answer names."""
    credit_estimate = _Read[float]()
    """The `credit_estimate` a start answer reports."""

    @property
    def webhook_url_field(self) -> str | None:
        """The request body field that carries the callback URL (`x-webhook-url-field`, on the
        operation or at the top level)."""
        return self.reader.webhook_url_field or None

    def provocations(self, status: Status) -> tuple[Provocation, ...] | None:
        """How the spec says to provoke `status`: the operation's `x-provoke` entry, else the
        response object's own `x-provoke` (shared responses under components). None when the
        spec says nothing, so the suite derives what it can."""
        declared = self.node.get("x-provoke", {})
        where = f"{self.operation_id} x-provoke {status}"
        if str(status) in declared:
            node = declared[str(status)]
        elif status in declared:
            node = declared[status]
        else:
            node = self.spec.at(self.response_pointer(status)).get("x-provoke")
            where = f"{self.operation_id} response {status} x-provoke"
        if node is None:
            return None
        items = node if isinstance(node, list) else [node]
        try:
            return tuple(Provocation.parse(item, where) for item in items)
        except ValueError as error:
            raise SpecError(self.spec.path, str(error)) from None

    @cached_property
    def security(self) -> tuple[Requirement, ...]:
        """The operation's `security` alternatives (else the document's), in order."""
        declared = self.node.get("security", self.spec.document.get("security", []))
        return requirements(declared, self.spec.schemes)

    @property
    def is_secured(self) -> bool:
        """Whether every alternative needs a credential (none is empty)."""
        return bool(self.security) and not any(a.anonymous for a in self.security)

    @property
    def statuses(self) -> tuple[int, ...]:
        return tuple(sorted(int(code) for code in self.node.get("responses", {}) if code.isdigit()))

    @property
    def cells(self) -> tuple[Status, ...]:
        """The documented statuses, then `default` when the operation has a default answer."""
        has_default = DEFAULT in self.node.get("responses", {})
        return (*self.statuses, *((DEFAULT,) if has_default else ()))

    @property
    def success_status(self) -> int | None:
        return next((status for status in self.statuses if 200 <= status < 300), None)

    def response_pointer(self, status: Status) -> str:
        pointer = f"{self.pointer}/responses/{status}"
        return self.spec.follow(pointer)

    def media_types(self, status: Status) -> tuple[str, ...]:
        return tuple(self.spec.at(self.response_pointer(status)).get("content", {}))

    def body_validator(self, status: Status, media_type: str) -> Draft202012Validator | None:
        content = self.spec.at(self.response_pointer(status)).get("content", {})
        if "schema" not in content.get(media_type, {}):
            return None
        pointer = f"{self.response_pointer(status)}/content/{_escape_pointer(media_type)}/schema"
        return self.spec.validator_for(pointer)

    def headers(self, status: Status) -> tuple[HeaderSpec, ...]:
        declared = self.spec.at(self.response_pointer(status)).get("headers", {})
        specs = []
        for name in declared:
            header = self.spec.at(self.spec.follow(self._header_pointer(status, name)))
            specs.append(HeaderSpec(name, bool(header.get("required")), header.get("schema", {})))
        return tuple(specs)

    def _header_pointer(self, status: Status, name: str) -> str:
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
    def parameters(self) -> tuple[Node, ...]:
        """Path-item and operation parameters, the operation's winning on a name clash."""
        item = self.spec.at(self.pointer.rsplit("/", 1)[0])
        merged: dict[tuple[str, str], Node] = {}
        for raw in (*item.get("parameters", []), *self.node.get("parameters", [])):
            param = self.spec.resolve(raw)
            merged[(str(param.get("in")), str(param.get("name")))] = param
        return tuple(merged.values())

    @property
    def query_parameters(self) -> tuple[Node, ...]:
        return tuple(p for p in self.parameters if p.get("in") == "query")

    @property
    def path_parameters(self) -> tuple[Node, ...]:
        return tuple(p for p in self.parameters if p.get("in") == "path")

    def links_in(self) -> list[tuple[Operation, Node]]:
        """Links on other operations' success responses that lead here: (source, link)."""
        found = []
        for source in self.spec.operations:
            if source is self or source.success_status is None:
                continue
            links = self.spec.at(source.response_pointer(source.success_status)).get("links", {})
            for link in links.values():
                link = self.spec.resolve(link)
                if link.get("operationId") == self.operation_id:
                    found.append((source, link))
        return found


@dataclass
class Spec:
    path: Path
    document: Node

    @classmethod
    def load(cls, path: Path) -> Spec:
        """Read and check a spec (`backbeat_specs.read_document`, then what a run needs); a
        `SpecError` names the file and says what is wrong with it."""
        document = backbeat_specs.read_document(path)
        spec = cls(path, document)
        spec.check()
        return spec

    def check(self) -> None:
        """Fail early, with the place named, on what would break a run half-way."""
        if not self.operations:
            raise SpecError(self.path, "documents no operations")
        for op in self.operations:
            for status in op.statuses:
                op.provocations(status)
        for op in self.operations:
            if op.webhook is not None and self.webhook_validator(op.webhook) is None:
                raise SpecError(
                    self.path,
                    f"{op.operation_id} x-webhook: {op.webhook!r} names no `webhooks` entry "
                    "with a JSON request body schema",
                )
        # The document's extensions, typed by backbeat_specs: a reserved or malformed key role, a
        # plan limit that is no integer, ... is a SpecError naming the place.
        _ = self.reader.key_roles, self.reader.rate_limit_categories

    @cached_property
    def reader(self) -> backbeat_specs.Spec:
        """The document as `backbeat_specs` reads it (the extensions, typed)."""
        return backbeat_specs.Spec(self.path, self.document)

    @property
    def title(self) -> str:
        return str(self.document.get("info", {}).get("title") or self.path.stem)

    @property
    def key_roles(self) -> Mapping[str, backbeat_specs.KeyRole]:
        """`x-key-roles`: role -> its description and plan."""
        return self.reader.key_roles

    def plan_limit(self, operation: Operation, role: str) -> int | None:
        """The limit the `role` key's plan has in the operation's rate-limit category."""
        return self.reader.plan_limit(operation.reader, role)

    @cached_property
    def meter_headers(self) -> Mapping[str, str]:
        """`x-meter-headers` (credits, limit, remaining); else well-known rate-limit header
        names the spec documents on some response."""
        declared = {k: str(v) for k, v in self.document.get("x-meter-headers", {}).items()}
        documented = {
            h.name.lower(): h.name
            for op in self.operations
            for status in op.statuses
            for h in op.headers(status)
        }
        for meter, known in WELL_KNOWN_METERS.items():
            names = (*known, IETF_METERS[meter])
            found = next((documented[n.lower()] for n in names if n.lower() in documented), None)
            if meter not in declared and found:
                declared[meter] = found
        return declared

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

    def resolve(self, node: Node | None) -> Node:
        """The node a `$ref` chain ends on; `{}` for a node the spec left empty (`schema:` with
        nothing after it, as schemathesis hands it over unread by `loading`)."""
        while isinstance(node, Mapping) and "$ref" in node:
            node = self.at(str(node["$ref"]))
        return node if isinstance(node, Mapping) else {}

    @cached_property
    def _registry(self) -> Registry[Any]:
        return registry_for(self.document)

    def webhook_validator(self, name: str) -> Draft202012Validator | None:
        """The schema of the JSON payload the top-level `webhooks` entry `name` POSTs."""
        pointer = f"#/webhooks/{_escape_pointer(name)}/post"
        try:
            body = self.resolve(self.at(pointer).get("requestBody", {}))
        except (KeyError, TypeError):
            return None
        if "schema" not in body.get("content", {}).get("application/json", {}):
            return None
        follow = self.follow(pointer + "/requestBody")
        return self.validator_for(f"{follow}/content/application~1json/schema")

    def validator_for(self, pointer: str) -> Draft202012Validator:
        """The schema at `pointer`, judged as every layer judges it (`backbeat_specs`: Draft
        2020-12 with format assertions)."""
        return schema_validator({"$ref": f"{SPEC_URI}{pointer}"}, self._registry)

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
    def schemes(self) -> Mapping[str, Scheme | None]:
        """`components.securitySchemes` by name (None: a scheme no credential can satisfy)."""
        declared = self.document.get("components", {}).get("securitySchemes", {})
        return {
            str(name): Scheme.parse(str(name), self.resolve(node))
            for name, node in declared.items()
        }

    @cached_property
    def uniform_scheme(self) -> Scheme | None:
        """The one scheme every operation requires, alone, when that is the case."""
        alternatives = {op.security for op in self.operations}
        if len(alternatives) != 1:
            return None
        (only,) = alternatives
        if len(only) != 1 or len(only[0].schemes) != 1 or only[0].unusable:
            return None
        return only[0].schemes[0]

    @cached_property
    def credential_headers(self) -> tuple[str, ...]:
        """Request headers that carry a credential under some scheme (which account sent a
        request)."""
        return tuple(
            dict.fromkeys(
                s.parameter for s in self.schemes.values() if s and s.location == "header"
            )
        )
