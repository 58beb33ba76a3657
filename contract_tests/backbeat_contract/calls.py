"""Requests the suite builds itself (targeted scenarios and semantic checks), from the spec's
examples and schemas, plus a key-free curl reproducer for each."""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

import requests

from backbeat_contract.spec import Node, Operation, Tweak

TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Call:
    operation: Operation
    key: str | None = field(repr=False)
    body: Any = None
    query: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, Any] = field(default_factory=dict)

    def url(self, base_url: str) -> str:
        path = self.operation.path
        for name, value in self.path_params.items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        return base_url + path

    @property
    def is_multipart(self) -> bool:
        return self.operation.request_media_type == "multipart/form-data"

    @property
    def is_urlencoded(self) -> bool:
        return self.operation.request_media_type == "application/x-www-form-urlencoded"

    def with_key(self, key: str | None) -> Call:
        return replace(self, key=key)

    def with_headers(self, **headers: str) -> Call:
        return replace(self, headers={**self.headers, **headers})

    def tweaked(self, tweak: Tweak) -> Call:
        body = self.body
        if "body" in tweak:
            body = {**(body or {}), **tweak["body"]}
        omitted = set(tweak.get("omit", ()))
        if omitted and body is not None:
            body = {k: v for k, v in body.items() if k not in omitted}
        query = {k: v for k, v in self.query.items() if k not in omitted}
        return replace(
            self,
            body=body,
            query={**query, **tweak.get("query", {})},
            path_params={**self.path_params, **tweak.get("path", {})},
            headers={**self.headers, **{k: str(v) for k, v in tweak.get("headers", {}).items()}},
        )

    def auth_headers(self) -> dict[str, str]:
        if self.key is None:
            return {}
        security = self.operation.spec.security
        return {security.header: security.value(self.key)}


# A form with every field left out is still a form: requests sends no body for no files.
EMPTY_MULTIPART_BOUNDARY = "contract-suite-empty-form"


def send(session: requests.Session, base_url: str, call: Call) -> requests.Response:
    body = _body_arguments(call)
    return session.request(
        call.operation.method,
        call.url(base_url),
        params=call.query,
        headers={**call.auth_headers(), **body.pop("headers", {}), **call.headers},
        timeout=TIMEOUT_SECONDS,
        **body,
    )


def _body_arguments(call: Call) -> dict[str, Any]:
    if call.body is None:
        return {}
    if call.is_multipart and not call.body:
        kind = f"multipart/form-data; boundary={EMPTY_MULTIPART_BOUNDARY}"
        data = f"--{EMPTY_MULTIPART_BOUNDARY}--\r\n".encode()
        return {"data": data, "headers": {"Content-Type": kind}}
    if call.is_multipart:
        return {"files": {name: (None, _form_value(value)) for name, value in call.body.items()}}
    if call.is_urlencoded:
        return {"data": {name: _form_value(value) for name, value in call.body.items()}}
    return {"json": call.body}


def _form_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def curl(base_url: str, call: Call, shown_key: str) -> str:
    """A reproducer showing the key as `shown_key` (e.g. `$API_KEY`), never a secret key."""
    request = requests.Request(call.operation.method, call.url(base_url), params=call.query)
    parts = ["curl", "-X", call.operation.method, shlex.quote(str(request.prepare().url))]
    if call.key is not None:
        security = call.operation.spec.security
        parts += ["-H", f'"{security.header}: {security.prefix}{shown_key}"']
    parts += [
        arg
        for name, value in call.headers.items()
        for arg in ("-H", shlex.quote(f"{name}: {value}"))
    ]
    if call.body is not None and (call.is_multipart or call.is_urlencoded):
        option = "-F" if call.is_multipart else "--data-urlencode"
        parts += [
            arg
            for name, value in call.body.items()
            for arg in (option, shlex.quote(f"{name}={_form_value(value)}"))
        ]
    elif call.body is not None:
        parts += [
            "-H",
            "'Content-Type: application/json'",
            "-d",
            shlex.quote(json.dumps(call.body)),
        ]
    return " ".join(parts)


def _example_value(schema: Node) -> Any:
    for source in ("example", "default"):
        if source in schema:
            return schema[source]
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("enum"):
        return schema["enum"][0]
    return None


def _parameter_value(operation: Operation, param: Node) -> Any:
    if "example" in param:
        return param["example"]
    examples = [
        operation.spec.resolve(ex).get("value") for ex in param.get("examples", {}).values()
    ]
    if examples:
        return examples[0]
    return _example_value(operation.spec.resolve(param.get("schema", {})))


def valid_call(operation: Operation, key: str | None, tweak: Tweak | None = None) -> Call:
    """The spec's first request example, with the required query parameters and every path
    parameter filled in from their examples."""
    examples = operation.request_examples()
    body = examples[0] if examples else None
    query: dict[str, Any] = {}
    for param in operation.query_parameters:
        value = _parameter_value(operation, param)
        if param.get("required") and value is not None:
            query[str(param["name"])] = value
    path = {}
    for param in operation.path_parameters:
        value = _parameter_value(operation, param)
        path[str(param["name"])] = "1" if value is None else value
    call = Call(operation, key, body=body, query=query, path_params=path)
    return call.tweaked(tweak) if tweak else call


def invalid_tweak(operation: Operation) -> Tweak | None:
    """A tweak that breaks a documented constraint of one value (a bound, an enum, a length;
    else its type or `uri` format), else leaves out every query parameter of `x-requires-one-of`,
    else, where the operation documents no 422 for it, drops a required field. None if the spec
    documents no constraint to break."""
    properties = operation.request_schema.get("properties", {})
    for violating in (_violating_value, _mistyped_value):
        for param in operation.query_parameters:
            bad = violating(operation.spec.resolve(param.get("schema", {})))
            if bad is not None:
                return {"query": {str(param["name"]): bad}}
        for name, schema in properties.items():
            bad = violating(operation.spec.resolve(schema))
            if bad is not None:
                return {"body": {name: bad}}
    one_of = [str(name) for name in operation.node.get("x-requires-one-of", [])]
    in_query = {str(p.get("name")) for p in operation.query_parameters}
    if one_of and set(one_of) <= in_query:
        return {"omit": one_of}
    return None if 422 in operation.statuses else missing_field_tweak(operation)


def missing_field_tweak(operation: Operation) -> Tweak | None:
    """A tweak that leaves out the first required body field; else, when the body requires one
    of several alternatives (`anyOf`/`oneOf` of `required` lists, `x-requires-one-of`), every
    field any alternative names. None when the body requires nothing."""
    schema = operation.request_schema
    # A schema may be another's twin (`allOf: [$ref]`): its parts say what it requires.
    parts = [schema, *(operation.spec.resolve(part) for part in schema.get("allOf", []))]
    required: list[str] = next((part["required"] for part in parts if part.get("required")), [])
    if required:
        return {"omit": [required[0]]}
    properties = {name for part in parts for name in part.get("properties", {})}
    named = [str(n) for n in operation.node.get("x-requires-one-of", []) if n in properties]
    for part in parts:
        for alternative in (*part.get("anyOf", []), *part.get("oneOf", [])):
            named += [str(n) for n in alternative.get("required", []) if n not in named]
    return {"omit": named} if named else None


def _mistyped_value(schema: Node) -> Any:
    """A value of the wrong type, or a string that is no URI where a `uri` is documented."""
    kind = schema.get("type")
    if kind == "boolean":
        return "not-a-boolean"
    if kind in ("integer", "number"):
        return "not-a-number"
    if kind == "string" and schema.get("format") == "uri":
        return "not a uri"
    return None


def _violating_value(schema: Node) -> Any:
    kind = schema.get("type")
    if kind in ("integer", "number") and "maximum" in schema:
        return schema["maximum"] + 1
    if kind in ("integer", "number") and "minimum" in schema:
        return schema["minimum"] - 1
    if kind == "string" and schema.get("enum"):
        return "not-a-documented-value"
    if kind == "string" and "maxLength" in schema:
        return "x" * (int(schema["maxLength"]) + 1)
    if kind == "string" and int(schema.get("minLength", 0)) > 0:
        return "x" * (int(schema["minLength"]) - 1)
    return None
