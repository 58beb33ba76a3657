"""A loaded OpenAPI document, read through typed accessors: its operations (method, path,
operationId, parameters, request bodies, responses, security), its webhooks, its examples, and
backbeat's ``x-`` extensions (docs/spec-extensions.md).

Data only: nothing here sends a request or knows a layer. Local ``$ref``s are followed on
demand (a chain that loops is a ``SpecError``); remote ones are refused. An extension whose value
has the wrong type raises ``SpecError`` naming where it is, on the first read of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

from .loading import SpecError
from .preparation import HTTP_METHODS as HTTP_METHODS

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

PLAN_FIELDS = ("credits", "monthly-allowance", "requests-per-minute", "requests-per-day")
"""The numbers of an ``x-plans`` entry."""
RESERVED_KEY_ROLES = frozenset({"none", "unknown", "main", "scenario"})
"""`x-provoke` key values that are not roles: no key, a made-up key, the run's own keys."""

Node = Mapping[str, Any]
T = TypeVar("T")


def pointer_to(*tokens: str) -> str:
    """The JSON pointer of a path of keys: ``pointer_to("paths", "/me", "get")`` is
    ``/paths/~1me/get``."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def _tokens(pointer: str) -> list[str]:
    pointer = pointer.removeprefix("#")
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _local(ref: Any) -> str:
    if not isinstance(ref, str) or not ref.startswith("#"):
        raise ValueError(f"only local $refs are supported, not {ref!r}")
    return ref[1:]


# --- typed extension values ------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _non_negative_int(value: Any) -> bool:
    return _is_int(value) and value >= 0


def _positive_int(value: Any) -> bool:
    return _is_int(value) and value >= 1


def _typed(spec: Spec, where: str, name: str, value: Any, check: Any, expected: str) -> Any:
    if value is None:
        return None
    if not check(value):
        raise SpecError(spec.path, f"{where} {name}: expected {expected}, got {value!r}")
    return value


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# --- the objects an operation is made of -----------------------------------------------------


class _Text:
    """A text field of a part's node (``summary``, ``description``): "" where absent."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, part: Any, owner: type[Any] | None = None) -> str:
        return str(part.node.get(self.name, ""))


@dataclass(frozen=True)
class Example:
    """A documented value and the schema it must satisfy (``schema_pointer`` into the
    document; ``where`` says, for a person, where the example is)."""

    where: str
    schema_pointer: str
    value: Any


@dataclass(frozen=True, eq=False)
class _Part:
    """A named part of the document: where it really is (``$ref``s followed) and its node."""

    spec: Spec = field(repr=False)
    name: str
    pointer: str
    node: Node = field(repr=False)


@dataclass(frozen=True, eq=False)
class Media(_Part):
    """One media type of a request body or a response (``name`` is the media type)."""

    @property
    def media_type(self) -> str:
        return self.name

    @property
    def schema_pointer(self) -> str | None:
        """The pointer of the media type's schema (``$ref``s not followed: a validator does)."""
        return f"{self.pointer}/schema" if "schema" in self.node else None

    @property
    def schema(self) -> Node | None:
        """The schema, ``$ref``s followed."""
        return self.spec.resolve(self.node["schema"]) if "schema" in self.node else None

    @property
    def schema_name(self) -> str | None:
        """The ``components/schemas`` name the schema is a plain ``$ref`` to, if it is one."""
        ref = self.node.get("schema", {}).get("$ref", "")
        prefix = "#/components/schemas/"
        return ref.removeprefix(prefix) if isinstance(ref, str) and ref.startswith(prefix) else None

    def examples(self, where: str = "") -> tuple[Example, ...]:
        """``example`` and every ``examples`` entry (``$ref``s followed), when there is a schema
        to check them against."""
        schema_pointer = self.schema_pointer
        if schema_pointer is None:
            return ()
        where = where or self.media_type
        found = (
            [Example(where, schema_pointer, self.node["example"])] if "example" in self.node else []
        )
        for name, example in self.node.get("examples", {}).items():
            value = self.spec.resolve(example).get("value")
            found.append(Example(f"{where} example {name!r}", schema_pointer, value))
        return tuple(found)

    @property
    def first_example(self) -> Any:
        """``example``, else the value of the first ``examples`` entry; None when neither."""
        if "example" in self.node:
            return self.node["example"]
        for example in self.node.get("examples", {}).values():
            return self.spec.resolve(example).get("value")
        return None


@dataclass(frozen=True, eq=False)
class Header(_Part):
    """A response header (``$ref`` followed); ``Parameter`` adds where a parameter goes."""

    @property
    def required(self) -> bool:
        return bool(self.node.get("required", False))

    @property
    def schema(self) -> Node:
        schema: Node = self.spec.resolve(self.node.get("schema", {}))
        return schema

    @property
    def schema_pointer(self) -> str:
        return f"{self.pointer}/schema"

    description = _Text("description")


@dataclass(frozen=True, eq=False)
class Parameter(Header):
    location: str = "query"
    """``in``: query, path, header or cookie."""

    @property
    def required(self) -> bool:
        return bool(self.node.get("required", self.location == "path"))


class _WithContent:
    """What a request body and a response share: media types, each with its schema."""

    spec: Spec
    pointer: str
    node: Node

    @cached_property
    def content(self) -> Mapping[str, Media]:
        """Media type -> media, in the spec's order."""
        return {
            media_type: Media(
                self.spec, media_type, f"{self.pointer}{pointer_to('content', media_type)}", media
            )
            for media_type, media in self.node.get("content", {}).items()
        }

    @property
    def media_types(self) -> tuple[str, ...]:
        return tuple(self.content)


@dataclass(frozen=True, eq=False)
class RequestBody(_WithContent):
    spec: Spec = field(repr=False)
    pointer: str
    node: Node = field(repr=False)

    @property
    def required(self) -> bool:
        return bool(self.node.get("required", False))

    @property
    def first(self) -> Media | None:
        """The first media type the spec lists (what a client sends by default)."""
        return next(iter(self.content.values()), None)


@dataclass(frozen=True, eq=False)
class Response(_WithContent):
    """One documented response, ``$ref`` followed (``pointer`` is where it really is)."""

    spec: Spec = field(repr=False)
    status: str
    """The key in ``responses``: ``"200"``, ``"4XX"`` or ``"default"``."""
    pointer: str
    node: Node = field(repr=False)

    description = _Text("description")

    @cached_property
    def headers(self) -> Mapping[str, Header]:
        """Header name (as the spec spells it) -> header, ``$ref``s followed."""
        found = {}
        for name in self.node.get("headers", {}):
            pointer = self.spec.follow(f"{self.pointer}{pointer_to('headers', name)}")
            found[name] = Header(self.spec, name, pointer, self.spec.at(pointer))
        return found

    @property
    def links(self) -> Mapping[str, Node]:
        """Link name -> link object, ``$ref``s followed."""
        return {name: self.spec.resolve(link) for name, link in self.node.get("links", {}).items()}

    @property
    def provoke(self) -> Any:
        """The response's own ``x-provoke`` (one provocation or a list), None if absent."""
        return self.node.get("x-provoke")


@dataclass(frozen=True)
class Provocation:
    """One way to provoke a status (``x-provoke``): send the operation's valid request, tweaked
    by ``request``, with ``key`` (``none``, ``unknown`` or a key role), ``times`` times in a row
    (the last answer counts), or as a ``burst`` until the status comes."""

    key: str | None = None
    request: Node | None = None
    times: int = 1
    burst: bool = False

    @classmethod
    def parse(cls, node: Any, where: str) -> Self:
        """``node`` as a provocation; ``ValueError`` naming ``where`` when it is malformed."""
        if not isinstance(node, Mapping) or not set(node) <= {"key", "request", "times", "burst"}:
            raise ValueError(
                f"{where}: x-provoke takes key, request, times and burst, got {node!r}"
            )
        request = node.get("request")
        if request is not None and (
            not isinstance(request, Mapping)
            or not set(request) <= {"body", "omit", "query", "path", "headers"}
        ):
            raise ValueError(
                f"{where}: request takes body, omit, query, path, headers: {request!r}"
            )
        times = node.get("times", 1)
        if not _is_int(times) or not 1 <= times <= 10:
            raise ValueError(f"{where}: times must be an integer from 1 to 10, got {times!r}")
        key = node.get("key")
        if key is not None and not isinstance(key, str):
            raise ValueError(f"{where}: key must be none, unknown or a key role, got {key!r}")
        burst = node.get("burst", False)
        if not isinstance(burst, bool):
            raise ValueError(f"{where}: burst must be true or false, got {burst!r}")
        return cls(key, request, times, burst)


@dataclass(frozen=True)
class SecurityScheme:
    """How a key travels: ``Authorization: Bearer <key>`` (``prefix`` "Bearer"), a raw key in a
    named header (``prefix`` ""), or ``Basic``."""

    name: str
    """The scheme's name under ``components/securitySchemes``."""
    header: str
    prefix: str

    def value(self, key: str) -> str:
        """The header value that carries ``key``."""
        return f"{self.prefix} {key}" if self.prefix else key


@dataclass(frozen=True)
class RateLimitCategory:
    """An entry of ``x-rate-limit-categories``: a plan limit the server does not announce."""

    name: str
    unit: str
    """``parallel-jobs`` or ``requests-per-minute``."""
    limits: Mapping[str, int]
    """Plan -> limit."""
    description: str = ""


@dataclass(frozen=True)
class Plan:
    """An entry of ``x-plans``: what a key on that plan starts with and may do."""

    name: str
    credits: int
    """The balance a new key starts with."""
    monthly_allowance: int = 0
    """Credits granted each month (0: the starting credits are one-time)."""
    requests_per_minute: int | None = None
    requests_per_day: int | None = None
    """None: no such cap."""
    description: str = ""


@dataclass(frozen=True)
class KeyRole:
    """An entry of ``x-key-roles``: a kind of key that is the way to some status."""

    name: str
    description: str = ""
    plan: str | None = None
    """The plan of ``x-rate-limit-categories`` the role's key is on."""


# --- operations ------------------------------------------------------------------------------


class _Extension(Generic[T]):
    """An operation's optional extension, read as a ``T``: None where absent, a ``SpecError``
    naming the operation where its value is of another type."""

    def __init__(self, name: str, check: Callable[[Any], bool], expected: str) -> None:
        self.name, self.check, self.expected = name, check, expected

    def __get__(self, operation: Operation, owner: type[Operation] | None = None) -> T | None:
        value = operation.node.get(self.name)
        where = operation.operation_id
        return cast(
            "T | None", _typed(operation.spec, where, self.name, value, self.check, self.expected)
        )


@dataclass(frozen=True, eq=False)
class Operation:
    """One operation of ``paths`` (or of ``webhooks``, where ``path`` is the webhook's name)."""

    spec: Spec = field(repr=False)
    operation_id: str
    method: str
    """Upper case: ``GET``, ``POST``..."""
    path: str
    pointer: str
    node: Node = field(repr=False)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    summary = _Text("summary")

    description = _Text("description")

    @property
    def deprecated(self) -> bool:
        return bool(self.node.get("deprecated", False))

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(tag) for tag in self.node.get("tags", []))

    # responses

    @property
    def statuses(self) -> tuple[int, ...]:
        """The documented numeric statuses, ascending (``default`` and ``4XX`` left out)."""
        codes = (str(code) for code in self.node.get("responses", {}))
        return tuple(sorted(int(code) for code in codes if code.isdigit()))

    @property
    def success_status(self) -> int | None:
        return next((status for status in self.statuses if 200 <= status < 300), None)

    def response(self, status: int | str) -> Response:
        """The response documented for ``status``; ``KeyError`` when there is none."""
        key = str(status)
        responses = self.node.get("responses", {})
        if key not in responses:
            raise KeyError(f"{self.operation_id} documents no {key} response")
        pointer = self.spec.follow(f"{self.pointer}{pointer_to('responses', key)}")
        return Response(self.spec, key, pointer, self.spec.at(pointer))

    @property
    def responses(self) -> tuple[Response, ...]:
        return tuple(self.response(code) for code in self.node.get("responses", {}))

    # request

    @cached_property
    def parameters(self) -> tuple[Parameter, ...]:
        """Path-item and operation parameters (``$ref``s followed), the operation's winning on
        a clash of name and location."""
        item_pointer = self.pointer.rsplit("/", 1)[0]
        merged: dict[tuple[str, str], Parameter] = {}
        for base in (item_pointer, self.pointer):
            for index, _ in enumerate(self.spec.at(base).get("parameters", [])):
                pointer = self.spec.follow(f"{base}/parameters/{index}")
                node = self.spec.at(pointer)
                location, name = str(node.get("in")), str(node.get("name"))
                merged[(location, name)] = Parameter(self.spec, name, pointer, node, location)
        return tuple(merged.values())

    def parameters_in(self, location: str) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name`` (any location); ``KeyError`` when there is none."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(f"{self.operation_id} has no parameter {name!r}")

    @property
    def request_body(self) -> RequestBody | None:
        if "requestBody" not in self.node:
            return None
        pointer = self.spec.follow(f"{self.pointer}/requestBody")
        return RequestBody(self.spec, pointer, self.spec.at(pointer))

    # security

    @property
    def security(self) -> tuple[Mapping[str, tuple[str, ...]], ...]:
        """The security requirements in force: the operation's own, else the document's."""
        declared = self.node.get("security", self.spec.document.get("security", []))
        return tuple({str(k): tuple(v or ()) for k, v in req.items()} for req in declared)

    @property
    def is_secured(self) -> bool:
        """Whether a key is required: some requirement names a scheme (``{}`` means none)."""
        return bool(self.security) and all(self.security)

    # matching a request path

    @cached_property
    def path_pattern(self) -> re.Pattern[str]:
        """Matches a request path (relative to the server URL); path parameters are named
        groups."""
        return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path)))

    # backbeat's operation extensions (docs/spec-extensions.md)

    def _extension(self, name: str, check: Any, expected: str) -> Any:
        return _typed(self.spec, self.operation_id, name, self.node.get(name), check, expected)

    idempotent = _Extension[bool]("x-idempotent", _is_bool, "true or false")
    """``x-idempotent``: whether repeating the request cannot do anything twice."""

    credit_cost = _Extension[int]("x-credit-cost", _non_negative_int, "an integer >= 0")
    """``x-credit-cost``: credits one successful call costs."""

    @property
    def credit_estimate(self) -> float | None:
        """``x-credit-estimate``: the price a start answer reports and the server charges."""
        value = self._extension("x-credit-estimate", _is_number, "a number")
        return None if value is None else float(value)

    @property
    def price(self) -> float:
        """What one call is charged: ``x-credit-estimate`` where stated, else
        ``x-credit-cost``, else 0."""
        estimate = self.credit_estimate
        return estimate if estimate is not None else float(self.credit_cost or 0)

    rate_limit_category = _Extension[str]("x-rate-limit-category", _is_str, "a string")
    """``x-rate-limit-category``: a key of the top-level ``x-rate-limit-categories``."""

    conversion_type = _Extension[str]("x-conversion-type", _is_str, "a string")
    """``x-conversion-type``: the ``conversionType`` the operation's jobs carry."""

    outputs = _Extension[int]("x-outputs", _positive_int, "an integer >= 1")
    """``x-outputs``: how many conversion ids a start answer names."""

    webhook = _Extension[str]("x-webhook", _is_str, "a string")
    """``x-webhook``: the key of the top-level ``webhooks`` this operation delivers."""

    @property
    def webhook_url_field(self) -> str | None:
        """``x-webhook-url-field``: the body field carrying the callback URL (the operation's
        own, else the document's)."""
        own = self._extension("x-webhook-url-field", _is_str, "a string")
        return own if own is not None else self.spec.webhook_url_field

    @property
    def requires_one_of(self) -> tuple[str, ...]:
        """``x-requires-one-of``: names of which at least one must be given (empty if none)."""
        value = self._extension("x-requires-one-of", _string_list, "a list of names")
        return tuple(value or ())

    replaced_by = _Extension[str]("x-replaced-by", _is_str, "an operationId")
    """``x-replaced-by``: the operationId to use instead of this deprecated one."""

    sandbox_behaviour = _Extension[str]("x-sandbox-behaviour", _is_str, "a behaviour name")
    """``x-sandbox-behaviour``: what backbeat's sandbox does to serve the operation."""

    def provoke(self, status: int) -> tuple[str, Any] | None:
        """How the spec says to provoke ``status``, raw: (where it was found, the value). The
        operation's ``x-provoke`` entry wins over the response object's own ``x-provoke``.
        None when the spec says nothing."""
        declared = self.node.get("x-provoke", {})
        if not isinstance(declared, Mapping):
            raise SpecError(
                self.spec.path, f"{self.operation_id} x-provoke: expected a map of status"
            )
        for key in (str(status), status):
            if key in declared:
                return f"{self.operation_id} x-provoke {status}", declared[key]
        if str(status) not in self.node.get("responses", {}):
            return None
        own = self.response(status).provoke
        return None if own is None else (f"{self.operation_id} response {status} x-provoke", own)

    def provocations(self, status: int) -> tuple[Provocation, ...] | None:
        """``provoke(status)`` parsed: each way to provoke it (``SpecError`` when malformed)."""
        found = self.provoke(status)
        if found is None:
            return None
        where, node = found
        items = node if isinstance(node, list) else [node]
        try:
            return tuple(Provocation.parse(item, where) for item in items)
        except ValueError as error:
            raise SpecError(self.spec.path, str(error)) from None


# --- the document ----------------------------------------------------------------------------


class Spec:
    """A parsed OpenAPI document. ``document`` is shared by every reader of the same file
    (``load`` caches it): read it, never change it (``read_document`` gives a private copy)."""

    def __init__(self, path: Path | str, document: Mapping[str, Any]) -> None:
        self.path = Path(path)
        self.document: Mapping[str, Any] = document

    def __repr__(self) -> str:
        return f"Spec({str(self.path)!r})"

    # navigation

    def at(self, pointer: str) -> Any:
        """The node at a JSON pointer (``/components/schemas/Error``; a leading ``#`` is
        accepted); ``KeyError`` when there is none."""
        node: Any = self.document
        for token in _tokens(pointer):
            try:
                node = node[int(token)] if isinstance(node, list) else node[token]
            except (KeyError, IndexError, ValueError, TypeError):
                raise KeyError(f"{self.path.name} has nothing at {pointer!r}") from None
        return node

    def follow(self, pointer: str) -> str:
        """The pointer the ``$ref`` chain starting at ``pointer`` ends on."""
        return self._chain(pointer, self.at(pointer), {pointer})[0]

    def resolve(self, node: Any) -> Any:
        """``node`` with its ``$ref`` chain followed (anything else is returned as is)."""
        if not (isinstance(node, Mapping) and "$ref" in node):
            return node  # most nodes: the sandbox asks on every request
        return self._chain("", node, set())[1]

    def _chain(self, pointer: str, node: Any, seen: set[str]) -> tuple[str, Any]:
        """Where the ``$ref`` chain from ``node`` (at ``pointer``) ends, and the node there."""
        while isinstance(node, Mapping) and "$ref" in node:
            pointer = self._local(node["$ref"])
            if pointer in seen:
                raise SpecError(self.path, f"circular $ref {node['$ref']!r}")
            seen.add(pointer)
            node = self.at(pointer)
        return pointer, node

    def _local(self, ref: Any) -> str:
        try:
            return _local(ref)
        except ValueError as error:
            raise SpecError(self.path, str(error)) from None

    # document facts

    @property
    def openapi(self) -> str:
        return str(self.document.get("openapi", ""))

    @property
    def title(self) -> str:
        return str(self.document.get("info", {}).get("title") or self.path.stem)

    @property
    def server_urls(self) -> tuple[str, ...]:
        return tuple(str(server["url"]) for server in self.document.get("servers", []))

    @property
    def server_url(self) -> str | None:
        """The first server's URL (by this project's convention: production)."""
        return next(iter(self.server_urls), None)

    @cached_property
    def security_schemes(self) -> Mapping[str, SecurityScheme | None]:
        """Each declared scheme, or None for a kind no key header can carry (oauth2...)."""
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        return {name: _scheme(name, self.resolve(node)) for name, node in schemes.items()}

    @property
    def security_scheme(self) -> SecurityScheme | None:
        """The scheme the document's security requirement names first, else the first one
        declared; None when there is none that a header carries."""
        required = [name for req in self.document.get("security", []) for name in req]
        declared = list(self.security_schemes)
        name = next((n for n in required if n in self.security_schemes), None)
        if name is None:
            name = next(iter(declared), None)
        return self.security_schemes[name] if name is not None else None

    # operations

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(self._operations("paths"))

    @cached_property
    def webhooks(self) -> tuple[Operation, ...]:
        """The operations of the top-level ``webhooks`` map (``path`` is the webhook's name;
        ``operation_id`` its operationId, else the name)."""
        return tuple(self._operations("webhooks"))

    def _operations(self, section: str) -> Iterator[Operation]:
        for path, item in self.document.get(section, {}).items():
            for method in HTTP_METHODS:
                node = item.get(method)
                if isinstance(node, Mapping):
                    operation_id = str(
                        node.get("operationId", path if section == "webhooks" else "")
                    )
                    if not operation_id:
                        raise SpecError(self.path, f"{method.upper()} {path} has no operationId")
                    pointer = pointer_to(section, path, method)
                    yield Operation(self, operation_id, method.upper(), path, pointer, node)

    @cached_property
    def _by_id(self) -> Mapping[str, Operation]:
        return {op.operation_id: op for op in self.operations}

    def operation(self, operation_id: str) -> Operation:
        """The operation called ``operation_id``; ``KeyError`` when there is none."""
        try:
            return self._by_id[operation_id]
        except KeyError:
            raise KeyError(f"{self.path.name} has no operation {operation_id!r}") from None

    def webhook(self, name: str, method: str = "POST") -> Operation | None:
        return next((w for w in self.webhooks if (w.path, w.method) == (name, method)), None)

    def match(self, method: str, path: str) -> tuple[Operation | None, tuple[str, ...]]:
        """The operation serving ``method path`` (relative to the server URL; templated paths
        match), and the methods documented for that path."""
        candidates = [op for op in self.operations if op.path_pattern.fullmatch(path)]
        found = next((op for op in candidates if op.method == method.upper()), None)
        return found, tuple(op.method for op in candidates)

    # backbeat's document extensions

    @property
    def webhook_url_field(self) -> str | None:
        """``x-webhook-url-field`` at the top level."""
        value: str | None = _typed(
            self, "top level", "x-webhook-url-field", self.document.get("x-webhook-url-field"),
            _is_str, "a string",
        )  # fmt: skip
        return value

    @cached_property
    def rate_limit_categories(self) -> Mapping[str, RateLimitCategory]:
        """``x-rate-limit-categories``: name -> unit and limit per plan."""
        declared = self.document.get("x-rate-limit-categories", {})
        found = {}
        for name, node in _mapping(self, "x-rate-limit-categories", declared).items():
            where = f"x-rate-limit-categories.{name}"
            node = _mapping(self, where, node)
            limits = _mapping(self, f"{where}.limits", node.get("limits"))
            if not all(_non_negative_int(limit) for limit in limits.values()):
                raise SpecError(self.path, f"{where}.limits: plan -> integer limit, got {limits!r}")
            unit = node.get("unit")
            if not isinstance(unit, str):
                raise SpecError(self.path, f"{where}.unit: expected a string, got {unit!r}")
            description = str(node.get("description", "")).strip()
            found[name] = RateLimitCategory(name, unit, dict(limits), description)
        return found

    @cached_property
    def key_roles(self) -> Mapping[str, KeyRole]:
        """``x-key-roles``: role -> description and plan."""
        found = {}
        for role, node in _mapping(
            self, "x-key-roles", self.document.get("x-key-roles", {})
        ).items():
            if role in RESERVED_KEY_ROLES:
                raise SpecError(self.path, f"x-key-roles: {role!r} is reserved")
            node = _mapping(self, f"x-key-roles.{role}", node)
            plan = node.get("plan")
            found[role] = KeyRole(
                role, str(node.get("description", "")), None if plan is None else str(plan)
            )
        return found

    @cached_property
    def plans(self) -> Mapping[str, Plan]:
        """``x-plans``: plan -> its starting credits, allowance and request caps."""
        found = {}
        for name, node in _mapping(self, "x-plans", self.document.get("x-plans", {})).items():
            where = f"x-plans.{name}"
            node = _mapping(self, where, node)
            counts = ((number, node.get(number)) for number in PLAN_FIELDS)
            numbers = {
                number: _typed(self, where, number, value, _non_negative_int, "an integer >= 0")
                for number, value in counts
            }
            if numbers["credits"] is None:
                raise SpecError(self.path, f"{where}: credits is required")
            found[name] = Plan(
                name,
                credits=numbers["credits"],
                monthly_allowance=numbers["monthly-allowance"] or 0,
                requests_per_minute=numbers["requests-per-minute"],
                requests_per_day=numbers["requests-per-day"],
                description=str(node.get("description", "")).strip(),
            )
        return found

    def plan_limit(self, operation: Operation, role: str) -> int | None:
        """The limit the plan of ``role``'s key has in ``operation``'s rate-limit category."""
        key_role = self.key_roles.get(role)
        category = self.rate_limit_categories.get(operation.rate_limit_category or "")
        if key_role is None or key_role.plan is None or category is None:
            return None
        return category.limits.get(key_role.plan)

    @property
    def meter_headers(self) -> Mapping[str, str]:
        """``x-meter-headers``: meter (credits, limit, remaining) -> response header name."""
        declared = _mapping(self, "x-meter-headers", self.document.get("x-meter-headers", {}))
        return {str(meter): str(header) for meter, header in declared.items()}

    # schemas

    def schema(self, name: str) -> Node:
        """``components/schemas/<name>``, ``$ref``s followed."""
        return self.resolve(self.at(pointer_to("components", "schemas", name)))  # type: ignore[no-any-return]

    def less_than(self, prop: Any) -> str | None:
        """A property schema's ``x-less-than``: the sibling its value must stay below."""
        return self._schema_extension(prop, "x-less-than", "a property name")

    def argument_name(self, prop: Any) -> str | None:
        """A request body property's ``x-argument``: the facade parameter that carries it."""
        return self._schema_extension(prop, "x-argument", "a parameter name")

    def _schema_extension(self, prop: Any, name: str, expected: str) -> str | None:
        value = self.resolve(prop).get(name)
        checked: str | None = _typed(self, "a schema", name, value, _is_str, expected)
        return checked

    def properties(self, schema: Any) -> dict[str, Node]:
        """A schema's properties, ``$ref``s followed: its own and those of its ``allOf``
        parts (a form schema may be another's twin: ``allOf: [{$ref: ...}]``)."""
        schema = self.resolve(schema)
        found: dict[str, Node] = {}
        for part in schema.get("allOf", []):
            found.update(self.properties(part))
        found.update(
            (name, self.resolve(prop)) for name, prop in schema.get("properties", {}).items()
        )
        return found

    # examples

    def examples(self) -> tuple[Example, ...]:
        """Every request and response media example and every response header example, in
        ``paths`` and in ``webhooks``, each with the schema it must satisfy."""
        found: list[Example] = []
        for op in (*self.operations, *self.webhooks):
            body = op.request_body
            for media in body.content.values() if body else ():
                found += media.examples(f"{op.operation_id} request {media.media_type}")
            for response in op.responses:
                where = f"{op.operation_id} {response.status}"
                for media in response.content.values():
                    found += media.examples(f"{where} {media.media_type}")
                for name, header in response.headers.items():
                    if "example" in header.node:
                        found.append(
                            Example(
                                f"{where} header {name}",
                                header.schema_pointer,
                                header.node["example"],
                            )
                        )
        return tuple(found)

    def parameter_examples(self) -> tuple[Example, ...]:
        """Every parameter ``example``, with the parameter's schema."""
        return tuple(
            Example(f"{op.operation_id} {p.name}", p.schema_pointer, p.node["example"])
            for op in self.operations
            for p in op.parameters
            if "example" in p.node
        )

    def schema_examples(self) -> tuple[Example, ...]:
        """Every schema-level ``examples`` list under ``components/schemas``, nested schemas
        included, each value with the schema it sits on."""
        found: list[Example] = []
        stack: list[tuple[Any, str]] = [
            (self.document.get("components", {}).get("schemas", {}), "/components/schemas")
        ]
        while stack:
            node, where = stack.pop()
            if not isinstance(node, Mapping):
                continue
            if isinstance(node.get("examples"), list) and ("type" in node or "$ref" in node):
                found += (Example(where, where, value) for value in node["examples"])
            stack.extend((child, f"{where}{pointer_to(str(key))}") for key, child in node.items())
        return tuple(found)

    def all_examples(self) -> tuple[Example, ...]:
        """``examples()``, ``parameter_examples()`` and ``schema_examples()``."""
        return (*self.examples(), *self.parameter_examples(), *self.schema_examples())

    # validation (jsonschema is imported on the first call)

    @cached_property
    def registry(self) -> Registry[Any]:
        """The document as a JSON Schema resource (``validation.SPEC_URI``)."""
        from .validation import registry_for

        return registry_for(self.document)

    def validator(self, pointer: str) -> Draft202012Validator:
        """A Draft 2020-12 validator, with format assertions, for the schema at ``pointer``
        (its ``$ref``s resolved in this document). Cached per pointer."""
        return self._validators(pointer.removeprefix("#"))

    @cached_property
    def _validator_cache(self) -> dict[str, Draft202012Validator]:
        return {}

    def _validators(self, pointer: str) -> Draft202012Validator:
        cached = self._validator_cache.get(pointer)
        if cached is None:
            from .validation import SPEC_URI, schema_validator

            self.at(pointer)  # a KeyError now beats an unresolvable $ref at first use
            cached = schema_validator({"$ref": f"{SPEC_URI}#{pointer}"}, self.registry)
            self._validator_cache[pointer] = cached
        return cached

    def webhook_payload_pointer(self, name: str) -> str | None:
        """The pointer of the JSON payload schema of the ``webhooks`` entry ``name`` (its POST),
        None when it has none."""
        webhook = self.webhook(name)
        body = webhook.request_body if webhook else None
        media = body.content.get("application/json") if body else None
        return media.schema_pointer if media else None


def _mapping(spec: Spec, where: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SpecError(spec.path, f"{where}: expected a map, got {value!r}")
    return value


def _scheme(name: str, scheme: Node) -> SecurityScheme | None:
    kind = str(scheme.get("type", ""))
    http_scheme = str(scheme.get("scheme", "")).lower()
    if kind == "http" and http_scheme == "bearer":
        return SecurityScheme(name, "Authorization", "Bearer")
    if kind == "http" and http_scheme == "basic":
        return SecurityScheme(name, "Authorization", "Basic")
    if kind == "apiKey" and scheme.get("in") == "header":
        return SecurityScheme(name, str(scheme["name"]), "")
    return None
