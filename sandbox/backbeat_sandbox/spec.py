"""An OpenAPI 3.1 document as the sandbox serves it: its operations, matched fast by method and
path, and its schema validators (a fast yes/no, then the explanation).

The document and its extensions are read by ``backbeat_specs``, the one spec reader, so the
sandbox, the suite and the clients read the same spec the same way: no schema is re-typed here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import backbeat_specs
import jsonschema_rs
from backbeat_specs import SpecError as SpecError
from backbeat_specs import pointer_to as pointer_to
from backbeat_specs.validation import SPEC_URI
from jsonschema import Draft202012Validator

JSON = Any


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
    reader: backbeat_specs.Operation = field(repr=False)
    """The operation as ``backbeat_specs`` reads it: its extensions, typed."""
    refused_roles: frozenset[str | None] = frozenset()
    """The key roles its `x-provoke` names for a 403: a key playing one is refused here."""

    def documented_statuses(self) -> tuple[int, ...]:
        return tuple(sorted(int(code) for code in self.node["responses"] if code.isdigit()))


@dataclass(frozen=True)
class Security:
    """How a key travels: the header and the scheme prefix ("" for a raw key)."""

    header: str
    prefix: str


class Spec:
    """A parsed OpenAPI document. Immutable after construction; share it freely."""

    def __init__(self, reader: backbeat_specs.Spec) -> None:
        self.reader = reader
        document: dict[str, JSON] = reader.document  # type: ignore[assignment]  # read-only
        self.document = document
        self.base_path = urlsplit(document["servers"][0]["url"]).path.rstrip("/")
        self.security = _security(reader)
        self.operations = tuple(_operations(reader))
        self._literal_paths: dict[str, tuple[dict[str, Operation], tuple[str, ...]]] = {}
        for op in self.operations:
            if "{" not in op.path:
                by_method, methods = self._literal_paths.get(op.path, ({}, ()))
                by_method.setdefault(op.method, op)
                self._literal_paths[op.path] = (by_method, (*methods, op.method))
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
            return self.at(self.follow(node["$ref"].removeprefix("#")))
        return node

    @functools.cache  # noqa: B019 - pointers repeat on every request; the document never changes
    def follow(self, pointer: str) -> str:
        """The pointer at the end of the ``$ref`` chain that starts at ``pointer``."""
        return self.reader.follow(pointer)

    @functools.cache  # noqa: B019 - as above
    def at(self, pointer: str) -> JSON:
        return self.reader.at(pointer)

    def validator(self, pointer: str) -> Draft202012Validator:
        """A Draft 2020-12 validator for the schema at ``pointer``, $refs resolved in the spec,
        formats asserted: the one every layer uses (``backbeat_specs``)."""
        return self.reader.validator(pointer)

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


@functools.cache
def load_spec(path: Path) -> Spec:
    """The spec at `path`, read by ``backbeat_specs``; `SpecError` (naming the file) when it is
    missing or broken."""
    reader = backbeat_specs.load(path)
    try:
        return Spec(reader)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise SpecError(path, f"is not a usable OpenAPI document ({error!r})") from None


def _security(reader: backbeat_specs.Spec) -> Security:
    (scheme,) = reader.security_schemes.values()
    if scheme is None or scheme.prefix == "Basic":
        raise ValueError(f"unsupported security scheme: {scheme}")
    return Security(header=scheme.header.lower(), prefix=scheme.prefix)


def _operations(reader: backbeat_specs.Spec) -> list[Operation]:
    operations = []
    for op in reader.operations:
        node: dict[str, JSON] = op.node  # type: ignore[assignment]  # read-only
        estimate, cost = op.credit_estimate, op.credit_cost or 0
        operations.append(
            Operation(
                operation_id=op.operation_id,
                method=op.method,
                path=op.path,
                pointer=op.pointer,
                credit_cost=cost,
                price=cost if estimate is None else estimate,
                node=node,
                pattern=op.path_pattern,
                reader=op,
                refused_roles=frozenset(p.key for p in op.provocations(403) or () if p.key),
            )
        )
    return operations
