"""Every facade, every public method, every success body: read from the classes and the specs,
so that a method or an enum added later is covered without touching the tests.

- `FACADES`: the four client classes, with their spec file and a sample key.
- `api_methods(cls)`: the public API methods of a facade (what `with_raw_response` offers).
- `sample_arguments(method)`: arguments for a call, chosen by parameter name and annotation.
- `SpecBodies`: for each operation of a spec, a success body holding every documented field
  (the spec's example where it gives one, the schema for the rest), the places where the
  body holds an enum value, and copies of the body with an unknown enum value or field.
- `ScriptedAPI`: an httpx transport answering each request with its operation's body,
  after an optional number of scripted failures; it records the requests.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import backbeat_specs
import httpx
from backbeat import AsyncMusicGPT, AsyncTrackyard, MusicGPT, Trackyard
from backbeat._client import AsyncClient, SyncClient
from backbeat._options import NOT_GIVEN

ROOT = Path(__file__).resolve().parents[2]
NEW_VALUE = "zz-value-from-a-later-release"
NEW_FIELD = "zz_field_from_a_later_release"
RATE_HEADERS = {
    "x-ratelimit-limit": "100",
    "x-ratelimit-remaining": "99",
    "x-ratelimit-limit-daily": "5000",
    "x-ratelimit-remaining-daily": "4999",
    "x-credits-remaining": "42",
}


@dataclass(frozen=True)
class Facade:
    cls: type[Any]
    spec: str
    api_key: str
    base_url: str

    @property
    def is_async(self) -> bool:
        return self.cls in (AsyncTrackyard, AsyncMusicGPT)

    @property
    def id(self) -> str:
        return self.cls.__name__

    def build(self, transport: ScriptedAPI, **options: Any) -> Any:
        mock = httpx.MockTransport(transport.async_handler if self.is_async else transport.handler)
        options.setdefault("sleep", _async_no_sleep if self.is_async else _no_sleep)
        return self.cls(self.api_key, base_url=self.base_url, transport=mock, **options)

    def run(self, result: Any) -> Any:
        """The value of a call's result: awaited for an async client; of an iterator, its
        first item (the scripted server answers every page alike, so paging would not end)."""
        if not self.is_async:
            return list(itertools.islice(result, 1)) if isinstance(result, Iterator) else result
        return asyncio.run(_resolved(result))

    def run_raw(self, result: Any) -> tuple[Any, Any]:
        """A raw call's `RawResponse` and its `parse()`, resolved in one event loop (an async
        iterator does not outlive the loop it started in)."""
        if not self.is_async:
            raw = result
            return raw, self.run(raw.parse())

        async def both() -> tuple[Any, Any]:
            raw = await result
            return raw, await _resolved(raw.parse())

        return asyncio.run(both())


async def _resolved(result: Any) -> Any:
    value = await result if inspect.isawaitable(result) else result
    if hasattr(value, "__aiter__"):
        async for item in value:
            return [item]
        return []
    return value


TRACKYARD_KEY = "ty_secret_key_9f8e7d"
MUSICGPT_KEY = "mg_secret_key_4c3b2a"
FACADES = (
    Facade(Trackyard, "openapi.yaml", TRACKYARD_KEY, "https://trackyard.test/v1"),
    Facade(AsyncTrackyard, "openapi.yaml", TRACKYARD_KEY, "https://trackyard.test/v1"),
    Facade(MusicGPT, "musicgpt.openapi.yaml", MUSICGPT_KEY, "https://musicgpt.test/api"),
    Facade(AsyncMusicGPT, "musicgpt.openapi.yaml", MUSICGPT_KEY, "https://musicgpt.test/api"),
)


def _no_sleep(seconds: float) -> None:
    pass


async def _async_no_sleep(seconds: float) -> None:
    pass


def api_methods(cls: type[Any]) -> list[str]:
    """The public methods of a facade that call the API (not the client machinery's)."""
    machinery = set(dir(SyncClient)) | set(dir(AsyncClient))
    names = [
        name
        for name in dir(cls)
        if not name.startswith("_")
        and name not in machinery
        and inspect.isfunction(getattr(cls, name))
    ]
    assert names, f"{cls.__name__} has no API methods"
    return names


# Values by parameter name; a parameter not named here gets one by its annotation.
SAMPLES: dict[str, Any] = {
    "query": "piano",
    "track_id": "trk_0001",
    "text": "hello there",
    "prompt": "a calm piano piece",
    "voice_id": "voice_1",
    "audio": "https://files.example.invalid/input.mp3",
    "task_id": "task_1",
    "conversion_type": "MUSIC_AI",
    "task": "MUSIC_AI",  # get_conversion and wait_for_conversion: a type (or a job)
    "poll_interval": 1.0,
    "timeout": 600.0,  # only a method's own `timeout` (a wait's deadline) is ever filled in
}
BY_ANNOTATION = (("str", "sample"), ("int", 1), ("float", 1.0), ("bool", True))


def sample_arguments(method: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """Positional arguments for the required parameters, keywords for the named optional ones."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    parameters = inspect.signature(method).parameters
    for name, parameter in list(parameters.items())[1:]:  # past `self`
        if parameter.kind in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
            continue
        if name == "extra_headers" or parameter.default is NOT_GIVEN:
            continue  # the per-call options themselves
        if parameter.default is inspect.Parameter.empty:
            args.append(SAMPLES[name] if name in SAMPLES else _by_annotation(method, parameter))
        elif name in SAMPLES:
            kwargs[name] = SAMPLES[name]
    return args, kwargs


def _by_annotation(method: Callable[..., Any], parameter: inspect.Parameter) -> Any:
    """A value the spec documents for a request field of that name (an enum's first value,
    or its example); a URL for media inputs; else one of the annotation's type."""
    documented = _documented_values().get(parameter.name)
    if documented is not None:
        return documented
    annotation = str(parameter.annotation)
    if re.search(r"Media|Input|IO\[", annotation):
        return SAMPLES["audio"]
    for name, value in BY_ANNOTATION:
        if re.search(rf"\b{name}\b", annotation):
            return value
    raise AssertionError(
        f"no sample for parameter {parameter.name!r} of {method.__qualname__}: add one to SAMPLES"
    )


# --- bodies from the specs -------------------------------------------------------------------


@cache
def _documented_values() -> dict[str, Any]:
    """Request field or parameter name -> a value the specs document for it."""
    found: dict[str, Any] = {}
    for spec_file in ("openapi.yaml", "musicgpt.openapi.yaml"):
        reader = spec_bodies(spec_file).reader
        for operation in reader.operations:
            schemas = [(p.name, p.schema) for p in operation.parameters]
            body = operation.request_body
            for media in body.content.values() if body else ():
                schemas += list(reader.properties(media.schema or {}).items())
            for name, schema in schemas:
                if "enum" in schema:
                    found.setdefault(name, next(v for v in schema["enum"] if v is not None))
                elif "example" in schema:
                    found.setdefault(name, schema["example"])
    return found


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    pattern: re.Pattern[str]
    status: int
    content_type: str
    schema: dict[str, Any] | None
    body: Any


class SpecBodies:
    """The success bodies of one spec, by operation."""

    def __init__(self, spec_file: str) -> None:
        self.reader = backbeat_specs.load(ROOT / spec_file)
        self.spec = self.reader.document
        self.operations: dict[str, Operation] = {
            op.operation_id: self._operation(op.path, op.method, op.node)
            for op in self.reader.operations
        }

    def _operation(self, path: str, method: str, operation: dict[str, Any]) -> Operation:
        status = min(int(s) for s in operation["responses"] if str(s).startswith("2"))
        response = self.resolve(operation["responses"][str(status)])
        content = response.get("content") or {"application/json": {}}
        content_type, media = next(iter(content.items()))
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        if "json" not in content_type:
            return Operation(
                operation["operationId"], method, pattern, status, content_type, None, b"ID3\x03"
            )
        schema = self.resolve(media.get("schema", {}))
        example = media.get("example")
        if example is None and media.get("examples"):
            example = self.resolve(next(iter(media["examples"].values()))).get("value")
        body = self.instance(schema, example)
        return Operation(
            operation["operationId"], method, pattern, status, content_type, schema, body
        )

    def resolve(self, node: Any) -> Any:
        return self.reader.resolve(node)

    def instance(self, schema: dict[str, Any], example: Any = None) -> Any:
        """A value of `schema` holding every documented field; `example`'s values win."""
        schema = self.resolve(schema)
        for combinator in ("allOf", "oneOf", "anyOf"):
            if combinator in schema:
                merged: dict[str, Any] = {}
                options = schema[combinator] if combinator == "allOf" else schema[combinator][:1]
                for option in options:
                    part = self.instance(option, example)
                    merged.update(part if isinstance(part, dict) else {})
                return merged
        kind = _schema_type(schema)
        if kind == "object" or "properties" in schema:
            given = example if isinstance(example, dict) else {}
            value = dict(given)
            for name, sub in schema.get("properties", {}).items():
                value[name] = self.instance(sub, given.get(name))
            return value
        if kind == "array":
            items = example if isinstance(example, list) and example else [None]
            return [self.instance(schema.get("items", {}), item) for item in items]
        if example is not None:
            return example
        if "enum" in schema:
            return next(v for v in schema["enum"] if v is not None)
        if "example" in schema:
            return schema["example"]
        return _scalar(kind, schema.get("format"))

    def enum_places(self, operation: str) -> list[tuple[str, ...]]:
        """Where the operation's success body holds an enum value: key paths, "[]" for items."""
        schema = self.operations[operation].schema
        return sorted(set(self._places(schema, ()))) if schema else []

    def _places(
        self, schema: Any, at: tuple[str, ...], seen: frozenset[int] = frozenset()
    ) -> Iterator[tuple[str, ...]]:
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or id(schema) in seen:
            return
        seen |= {id(schema)}
        if "enum" in schema:
            yield at
        for combinator in ("allOf", "oneOf", "anyOf"):
            for option in schema.get(combinator, []):
                yield from self._places(option, at, seen)
        for name, sub in schema.get("properties", {}).items():
            yield from self._places(sub, (*at, name), seen)
        if "items" in schema:
            yield from self._places(schema["items"], (*at, "[]"), seen)


def _schema_type(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind


def _scalar(kind: str | None, fmt: str | None) -> Any:
    if kind == "string":
        return {
            "date-time": "2026-01-02T03:04:05+00:00",
            "date": "2026-01-02",
            "uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        }.get(fmt or "", "sample")
    return {"integer": 1, "number": 1.5, "boolean": True}.get(kind or "", "sample")


def with_value_at(body: Any, place: tuple[str, ...], value: Any) -> Any:
    """A copy of `body` with `value` at `place` (in every item of the arrays on the way)."""
    copied = copy.deepcopy(body)

    def put(node: Any, rest: tuple[str, ...]) -> None:
        head, tail = rest[0], rest[1:]
        if head == "[]":
            for index, item in enumerate(node):
                if tail:
                    put(item, tail)
                else:
                    node[index] = value
        elif tail:
            put(node.setdefault(head, {}), tail)
        else:
            node[head] = value

    put(copied, place)
    return copied


def with_new_fields(body: Any) -> Any:
    """A copy of `body` with an undocumented field in every object, at every level."""
    if isinstance(body, dict):
        return {**{k: with_new_fields(v) for k, v in body.items()}, NEW_FIELD: {"nested": [1]}}
    if isinstance(body, list):
        return [with_new_fields(item) for item in body]
    return body


@cache
def spec_bodies(spec_file: str) -> SpecBodies:
    return SpecBodies(spec_file)


# --- the scripted server ---------------------------------------------------------------------


@dataclass
class ScriptedAPI:
    """Answers each request with its operation's success body (or `bodies[operation]`), after
    answering the first `failures` requests with 429 and `Retry-After: 0`."""

    spec: SpecBodies
    failures: int = 0
    failure_status: int = 429
    bodies: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)

    def operation_of(self, request: httpx.Request) -> Operation:
        for operation in self.spec.operations.values():
            if operation.method == request.method and operation.pattern.search(request.url.path):
                return operation
        raise AssertionError(f"no operation for {request.method} {request.url.path}")

    def handler(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if len(self.requests) <= self.failures:
            headers = {"retry-after": "0", "content-type": "application/json"}
            return httpx.Response(self.failure_status, headers=headers, json={"error": "busy"})
        operation = self.operation_of(request)
        self.operations.append(operation.name)
        body = self.bodies.get(operation.name, operation.body)
        headers = {**RATE_HEADERS, "content-type": operation.content_type, **self.headers}
        if operation.schema is None:
            return httpx.Response(operation.status, headers=headers, content=body)
        return httpx.Response(operation.status, headers=headers, content=json.dumps(body).encode())

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        return self.handler(request)
