"""An OpenAPI 3.1 document loaded once: its operations, $ref resolution and schema validators.

Everything the sandbox knows about an API's shapes comes from here, so the sandbox and the
spec cannot drift: no schema is re-typed by hand.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema_rs
import yaml
from backbeat_specs.validation import format_checker
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# The format assertions every layer applies (backbeat_specs): the same verdicts everywhere.
FORMAT_CHECKER = format_checker()
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SPEC_URI = "urn:backbeat:spec"

JSON = Any


class _PlainLoader(yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader that keeps timestamps as strings, as JSON would."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with the facts the sandbox acts on."""

    operation_id: str
    method: str
    path: str
    pointer: str
    credit_cost: int
    price: float
    """What a call is charged: ``x-credit-estimate`` where the spec states one (a price, as
    MusicGPT's), else ``x-credit-cost`` (Trackyard's credits)."""
    node: dict[str, JSON] = field(repr=False)
    pattern: re.Pattern[str] = field(repr=False)

    def documented_statuses(self) -> tuple[int, ...]:
        return tuple(sorted(int(code) for code in self.node["responses"] if code.isdigit()))


@dataclass(frozen=True)
class Security:
    """How a key travels: the header and the scheme prefix ("" for a raw key)."""

    header: str
    prefix: str


class Spec:
    """A parsed OpenAPI document. Immutable after construction; share it freely."""

    def __init__(self, document: dict[str, JSON]) -> None:
        self.document = document
        self.base_path = urlsplit(document["servers"][0]["url"]).path.rstrip("/")
        self.security = _security(document)
        self.operations = tuple(_operations(document))
        self._literal_paths: dict[str, tuple[dict[str, Operation], tuple[str, ...]]] = {}
        for op in self.operations:
            if "{" not in op.path:
                by_method, methods = self._literal_paths.get(op.path, ({}, ()))
                by_method.setdefault(op.method, op)
                self._literal_paths[op.path] = (by_method, (*methods, op.method))
        resource: Resource[Any] = DRAFT202012.create_resource(document)
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._quick_registry = jsonschema_rs.Registry([(SPEC_URI, document)])

    def match(self, method: str, path: str) -> tuple[Operation | None, tuple[str, ...]]:
        """The operation for ``method path``, and the methods documented for that path."""
        literal = self._literal_paths.get(path)
        if literal is not None:  # a path without parameters: one lookup, every request
            by_method, methods = literal
            return by_method.get(method), methods
        allowed = tuple(op.method for op in self.operations if op.pattern.fullmatch(path))
        for op in self.operations:
            if op.method == method and op.pattern.fullmatch(path):
                return op, allowed
        return None, allowed

    def resolve(self, node: JSON) -> JSON:
        """Follow local ``$ref`` chains (responses, headers, parameters, examples)."""
        if isinstance(node, dict) and "$ref" in node:
            return self.at(self.follow(_local(node["$ref"])))
        return node

    @functools.cache  # noqa: B019 - pointers repeat on every request; the document never changes
    def follow(self, pointer: str) -> str:
        """The pointer at the end of the ``$ref`` chain that starts at ``pointer``."""
        seen = {pointer}
        node = self.at(pointer)
        while isinstance(node, dict) and "$ref" in node:
            pointer = _local(node["$ref"])
            if pointer in seen:
                raise ValueError(f"circular $ref {node['$ref']!r}")
            seen.add(pointer)
            node = self.at(pointer)
        return pointer

    @functools.cache  # noqa: B019 - as above
    def at(self, pointer: str) -> JSON:
        node: JSON = self.document
        for token in pointer.lstrip("/").split("/"):
            key = unquote(token).replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        return node

    @functools.cache  # noqa: B019 - a Spec lives as long as the process, like its validators
    def validator(self, pointer: str) -> Draft202012Validator:
        """A Draft 2020-12 validator for the schema at ``pointer``, $refs resolved in the spec."""
        return Draft202012Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"},
            registry=self._registry,
            format_checker=FORMAT_CHECKER,
        )

    @functools.cache  # noqa: B019 - as above
    def quick_validator(self, pointer: str) -> jsonschema_rs.Validator:
        """The same schema compiled by jsonschema-rs, for the yes/no question every request and
        reply asks (about a thousand times faster). Its "no" is then explained by ``validator``,
        whose messages name the problem; formats are checked too, so a "yes" is never laxer."""
        return jsonschema_rs.validator_for(
            {"$ref": f"{SPEC_URI}#{pointer}"},
            registry=self._quick_registry,
            validate_formats=True,
        )


def _local(ref: str) -> str:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are supported, not {ref!r}")
    return ref[1:]


def pointer_to(*tokens: str) -> str:
    return "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens)


class SpecError(Exception):
    """A spec file that is missing or is not a usable OpenAPI document."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@functools.cache
def load_spec(path: Path) -> Spec:
    """The spec at `path`; `SpecError` (naming the file) when it is missing or broken."""
    try:
        with path.open(encoding="utf-8") as stream:
            document = yaml.load(stream, Loader=_PlainLoader)
    except FileNotFoundError:
        raise SpecError(path, "no such file") from None
    except UnicodeDecodeError as error:
        raise SpecError(path, f"is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise SpecError(path, f"cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        raise SpecError(path, f"is not valid YAML ({_one_line(error)})") from None
    if not isinstance(document, dict) or "openapi" not in document:
        raise SpecError(path, "is not an OpenAPI document (no top-level 'openapi' key)")
    try:
        return Spec(document)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise SpecError(path, f"is not a usable OpenAPI document ({error!r})") from None


def _one_line(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return " ".join(f"{problem}{where}".split())


def _security(document: dict[str, JSON]) -> Security:
    schemes = document["components"]["securitySchemes"]
    (scheme,) = schemes.values()
    if scheme["type"] == "http" and scheme["scheme"].lower() == "bearer":
        return Security(header="authorization", prefix="Bearer")
    if scheme["type"] == "apiKey" and scheme["in"] == "header":
        return Security(header=scheme["name"].lower(), prefix="")
    raise ValueError(f"unsupported security scheme: {scheme}")


def _operations(document: dict[str, JSON]) -> list[Operation]:
    operations = []
    for path, item in document["paths"].items():
        pattern = re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)))
        for method in HTTP_METHODS:
            if method in item:
                node = item[method]
                operations.append(
                    Operation(
                        operation_id=node["operationId"],
                        method=method.upper(),
                        path=path,
                        pointer=pointer_to("paths", path, method),
                        credit_cost=int(node.get("x-credit-cost", 0)),
                        price=node.get("x-credit-estimate", int(node.get("x-credit-cost", 0))),
                        node=node,
                        pattern=pattern,
                    )
                )
    return operations
