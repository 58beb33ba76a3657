"""Does one response keep the documented contract for its operation and expected status?

Each problem is a `(point, reason)` pair: `point` names the rule broken (shown in the reports),
`reason` says how, in one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import requests
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from backbeat_contract.spec import HeaderSpec, Operation

Problem = tuple[str, str]
ONE_DAY_SECONDS = 86_400


def problems(
    operation: Operation, expected: int, response: requests.Response, remaining_header: str | None
) -> list[Problem]:
    if response.status_code != expected:
        return [("status", f"expected {expected}, got {response.status_code}")]
    found = list(_media_type_problems(operation, expected, response))
    found += _header_problems(operation.headers(expected), response)
    if expected == 429:
        found += _rate_limited_problems(operation, response, remaining_header)
    return found


BODY_EXCERPT_CHARS = 2000


def excerpt(content_type: str, content: bytes) -> str:
    """A body as a report shows it: text cut at 2,000 characters, binary as a size."""
    kind = content_type.split(";")[0].strip().lower()
    textual = kind.endswith(("json", "xml")) or kind.startswith("text/") or not kind
    if not textual:
        return f"<{len(content)} bytes {kind}>"
    text = content.decode("utf-8", errors="replace")
    if len(text) > BODY_EXCERPT_CHARS:
        return text[:BODY_EXCERPT_CHARS] + f"... ({len(text)} characters)"
    return text


def media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _media_type_problems(
    operation: Operation, status: int, response: requests.Response
) -> Iterator[Problem]:
    documented = operation.media_types(status)
    if not documented:
        return
    actual = media_type(response)
    if actual not in documented:
        yield (
            "content-type",
            f"Content-Type {actual or '(none)'!r}, documented {list(documented)}",
        )
        return
    validator = operation.body_validator(status, actual)
    if validator is None or not actual.endswith("json"):
        if not response.content:
            yield ("body", f"empty {actual} body")
        return
    yield from _body_problems(validator, response)


def _body_problems(
    validator: Draft202012Validator, response: requests.Response
) -> Iterator[Problem]:
    try:
        body = json.loads(response.content)
    except ValueError:
        yield ("body-schema", "body is not valid JSON")
        return
    error = best_match(validator.iter_errors(body))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        yield ("body-schema", f"body at {where}: {error.message}"[:300])


def _header_problems(
    headers: tuple[HeaderSpec, ...], response: requests.Response
) -> Iterator[Problem]:
    for header in headers:
        raw = response.headers.get(header.name)
        if raw is None:
            if header.required:
                yield (f"header:{header.name}", f"required header {header.name} is missing")
            continue
        reason = _header_value_problem(header, raw)
        if reason:
            yield (f"header:{header.name}", reason)


def _header_value_problem(header: HeaderSpec, raw: str) -> str | None:
    kind = header.schema.get("type")
    value: object = raw
    try:
        if kind == "integer":
            value = int(raw)
        elif kind == "number":
            value = float(raw)
    except ValueError:
        return f"{header.name}: {raw!r} is not an {kind}"
    error = best_match(Draft202012Validator(dict(header.schema)).iter_errors(value))
    return f"{header.name}: {error.message}" if error else None


def _rate_limited_problems(
    operation: Operation, response: requests.Response, remaining_header: str | None
) -> Iterator[Problem]:
    raw = response.headers.get("Retry-After")
    if raw is not None:
        if not raw.strip().isdigit():
            yield ("retry-after", f"Retry-After {raw!r} is not a non-negative integer")
        elif int(raw) > ONE_DAY_SECONDS:
            yield ("retry-after", f"Retry-After {raw} s is more than a day")
    documented = {h.name for h in operation.headers(429)}
    if remaining_header and remaining_header in documented:
        remaining = response.headers.get(remaining_header)
        if remaining is not None and remaining.strip() != "0":
            yield ("ratelimit-remaining-on-429", f"a 429 carries {remaining_header}: {remaining}")
