"""Requests the suite builds itself (targeted scenarios and semantic checks), and a key-free
curl reproducer for each: credentials appear as shell variables, expanded in every quoting."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

import requests

from backbeat_contract.security import Requirement, choose
from backbeat_contract.spec import Node, Operation, Tweak

TIMEOUT_SECONDS = 30.0
# A credential inside a reproducer's argument, before quoting: \0$NAME\0.
_VARIABLE = re.compile(r"\x00(\$[^\x00]+)\x00")
# What a double-quoted shell word must escape.
_DOUBLE_QUOTED = re.compile(r'[\\"$`]')
# Headers every HTTP client adds: left out of reproducers.
CLIENT_HEADERS = {"user-agent", "accept-encoding", "connection", "content-length"}


@dataclass(frozen=True)
class Call:
    operation: Operation
    key: str | None = field(repr=False)
    body: Any = None
    query: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, Any] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    # The request body's media type (one the operation accepts); None: the first it documents.
    content_type: str | None = None
    # Credentials of their own per security scheme (`--auth SCHEME=ENV`): they replace `key`
    # for their scheme. Cleared with the key when a scenario sends another key or none.
    credentials: Mapping[str, str] = field(default_factory=dict, repr=False)
    # Path parameters no API answer supplied: their value names no resource known to exist.
    unresolved: tuple[str, ...] = ()
    # Why no answer supplied them (a producer that failed), for the report.
    unresolved_reason: str = ""

    def url(self, base_url: str) -> str:
        path = self.operation.path
        for name, value in self.path_params.items():
            path = path.replace("{" + name + "}", quote(_text(value), safe=""))
        return base_url + path

    @property
    def media_type(self) -> str | None:
        return self.content_type or self.operation.request_media_type

    @property
    def is_multipart(self) -> bool:
        return self.media_type == "multipart/form-data"

    @property
    def is_urlencoded(self) -> bool:
        return self.media_type == "application/x-www-form-urlencoded"

    def with_key(self, key: str | None) -> Call:
        return replace(self, key=key, credentials={})

    def with_headers(self, **headers: str) -> Call:
        return replace(self, headers={**self.headers, **headers})

    def tweaked(self, tweak: Tweak) -> Call:
        body = self.body
        if "body" in tweak:
            body = {**(body if isinstance(body, Mapping) else {}), **tweak["body"]}
        omitted = set(tweak.get("omit", ()))
        if omitted and isinstance(body, Mapping):
            body = {k: v for k, v in body.items() if k not in omitted}
        query = {k: v for k, v in self.query.items() if k not in omitted}
        return replace(
            self,
            body=body,
            query={**query, **tweak.get("query", {})},
            path_params={**self.path_params, **tweak.get("path", {})},
            headers={**self.headers, **{k: str(v) for k, v in tweak.get("headers", {}).items()}},
        )

    @property
    def requirement(self) -> Requirement | None:
        """The security alternative this call satisfies (None: it sends no credential)."""
        if self.key is None:
            return None
        return choose(self.operation.security, self.credentials)

    def auth(self, shown: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
        """Where the credentials go: {"header"|"query"|"cookie": {name: value}}. With `shown`
        (credential -> shell variable), the values name variables instead of secrets."""
        placed: dict[str, dict[str, str]] = {"header": {}, "query": {}, "cookie": {}}
        requirement = self.requirement
        for scheme in requirement.schemes if requirement else ():
            credential = self.credentials.get(scheme.name, self.key or "")
            variable = (shown or {}).get(credential)
            value = scheme.shown(variable, credential) if variable else scheme.value(credential)
            placed[scheme.location][scheme.parameter] = value
        return placed

    def auth_headers(self) -> dict[str, str]:
        return self.auth()["header"]


# A form with every field left out is still a form: requests sends no body for no files.
EMPTY_MULTIPART_BOUNDARY = "contract-suite-empty-form"


def send(session: requests.Session, base_url: str, call: Call) -> requests.Response:
    body = _body_arguments(call)
    auth = call.auth()
    return session.request(
        call.operation.method,
        call.url(base_url),
        params={**{k: _param(v) for k, v in call.query.items()}, **auth["query"]},
        headers={**auth["header"], **body.pop("headers", {}), **call.headers},
        cookies={**call.cookies, **auth["cookie"]} or None,
        timeout=TIMEOUT_SECONDS,
        **body,
    )


def _param(value: Any) -> Any:
    """A query value as it travels: booleans as the spec's `true`/`false`, lists repeated."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_param(v) for v in value]
    return value


def _text(value: Any) -> str:
    return "true" if value is True else "false" if value is False else str(value)


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
    declared = call.media_type
    if declared and not declared.endswith("json") and isinstance(call.body, str | bytes):
        return {"data": call.body, "headers": {"Content-Type": declared}}
    headers = {"Content-Type": declared} if declared and declared != "application/json" else {}
    return (
        {"data": json.dumps(call.body).encode(), "headers": headers}
        if headers
        else {"json": call.body}
    )


def _form_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def shell_word(text: str) -> str:
    """`text` quoted for a POSIX shell. Each \\0$NAME\\0 in it stays a variable the shell
    expands: such a word goes in double quotes, the rest of it escaped."""
    parts = _VARIABLE.split(text)
    if len(parts) == 1:
        return shlex.quote(text)
    quoted = [
        part if i % 2 else _DOUBLE_QUOTED.sub(r"\\\g<0>", part) for i, part in enumerate(parts)
    ]
    return '"' + "".join(quoted) + '"'


def curl(base_url: str, call: Call, shown: Mapping[str, str]) -> str:
    """A reproducer naming each credential by its shell variable (`shown`: credential ->
    `$API_KEY`, ...), never a secret key."""
    request = requests.Request(call.operation.method, call.url(base_url), params=call.query)
    url = str(request.prepare().url)
    auth = call.auth(shown)
    if auth["query"]:
        pairs = "&".join(f"{quote(k)}={v}" for k, v in auth["query"].items())
        url += ("&" if "?" in url else "?") + pairs
    parts = ["curl", "-X", call.operation.method, shell_word(url)]
    headers = {**auth["header"], **call.headers}
    cookies = {**call.cookies, **auth["cookie"]}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    parts += [
        arg for name, value in headers.items() for arg in ("-H", shell_word(f"{name}: {value}"))
    ]
    if call.body is not None and (call.is_multipart or call.is_urlencoded):
        option = "-F" if call.is_multipart else "--data-urlencode"
        parts += [
            arg
            for name, value in call.body.items()
            for arg in (option, shlex.quote(f"{name}={_form_value(value)}"))
        ]
    elif call.body is not None:
        kind = call.media_type or "application/json"
        data = call.body if isinstance(call.body, str) else json.dumps(call.body)
        parts += ["-H", shlex.quote(f"Content-Type: {kind}"), "-d", shlex.quote(data)]
    return " ".join(parts)


def reproduce(request: requests.PreparedRequest, shown: Mapping[str, str]) -> str:
    """A curl command for a request as it was sent (a generated case's), each credential in
    `shown` (key -> `$VARIABLE` or a shell expression) written as that, expanded by the shell."""

    def mark(text: str) -> str:
        for key in sorted(shown, key=len, reverse=True):
            text = text.replace(key, f"\x00{shown[key]}\x00")
        return text

    parts = ["curl", "-X", str(request.method), shell_word(mark(str(request.url)))]
    for name, value in request.headers.items():
        if name.lower() not in CLIENT_HEADERS:
            parts += ["-H", shell_word(mark(f"{name}: {value!s}"))]
    body: Any = request.body
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = f"<{len(body)} bytes>"
    else:
        text = str(body) if isinstance(body, str) else ""
    if text:
        parts += ["--data-binary", shell_word(mark(text))]
    return " ".join(parts)


def invalid_tweak(operation: Operation) -> Tweak | None:
    """A tweak that breaks a documented constraint of one value (a bound, an enum, a length;
    else its type or `uri` format), else leaves out every query parameter of `x-requires-one-of`,
    else, where the operation documents no 422 for it, drops a required field. None if the spec
    documents no constraint to break."""
    properties = operation.request_schema.get("properties", {})
    for violating in (_violating_value, _mistyped_value):
        for param in (*operation.query_parameters, *operation.path_parameters):
            bad = violating(operation.spec.resolve(param.get("schema", {})))
            if bad is not None:
                return {str(param["in"]): {str(param["name"]): bad}}
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
