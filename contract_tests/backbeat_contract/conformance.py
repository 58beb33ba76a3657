"""Does one response keep the documented contract for its operation and expected status?

The status is the suite's own judgement (which status a scenario provokes). Content type,
headers and body are judged by schemathesis' own checks (`content_type_conformance`,
`response_headers_conformance`, `response_schema_conformance`); the suite adds only what they
lack: an empty body where the spec documents content that is not JSON.

Each problem is a `(point, reason)` pair: `point` names the rule broken (shown in the reports),
`reason` says how, in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import requests
from jsonschema import Draft202012Validator
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.transport import Response
from schemathesis.openapi.checks import MissingHeaders
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

from backbeat_contract.spec import Operation, Status

Problem = tuple[str, str]
CHECKS = {
    content_type_conformance: "content-type",
    response_headers_conformance: "header",
    response_schema_conformance: "body-schema",
}


def status_kept(operation: Operation, expected: Status, actual: int) -> bool:
    """`default` stands for any status the operation does not list; as an expectation, a
    success (what a valid request to an operation with only a `default` answer must get)."""
    if expected == "default":
        return actual not in operation.statuses and actual < 400
    return actual == expected


def problems(
    operation: Operation, expected: Status, response: requests.Response, case: Any = None
) -> list[Problem]:
    """What `response` breaks of the contract for `expected`. `case` is the request as a
    schemathesis case (None: content type, headers and body go unchecked)."""
    if not status_kept(operation, expected, response.status_code):
        return [("status", f"expected {expected}, got {response.status_code}")]
    found = list(_checked_by_schemathesis(operation, case, response)) if case is not None else []

    if not any(point == "content-type" for point, _ in found):
        found += _empty_body(operation, expected, response)
    return found


def _checked_by_schemathesis(
    operation: Operation, case: Any, response: requests.Response
) -> Iterator[Problem]:
    answer = _as_schemathesis(response)
    for check, point in CHECKS.items():
        try:
            case.validate_response(answer, checks=[check])
        except FailureGroup as group:
            for failure in group.exceptions:
                yield _named(point, failure, operation, response)
        except Failure as failure:
            yield _named(point, failure, operation, response)


def _as_schemathesis(response: requests.Response) -> Response:
    """The answer as schemathesis reads it, from its parsed headers (a response built by hand
    or replayed has no raw stream to read them from)."""
    return Response(
        status_code=response.status_code,
        headers={name.lower(): [value] for name, value in response.headers.items()},
        content=response.content,
        request=response.request,
        elapsed=response.elapsed.total_seconds(),
        message=response.reason or "",
        encoding=response.encoding,
        http_version="1.1",
        verify=True,
    )


def _named(
    point: str, failure: Failure, operation: Operation, response: requests.Response
) -> Problem:
    reason = f"{failure.title}: {' '.join(str(failure.message).split())}"[:300]
    if isinstance(failure, MissingHeaders):
        names = list(failure.missing_headers)
        return f"header:{names[0]}", f"required header {', '.join(names)} is missing"
    if point == "header":
        name = _failing_header(operation, response)
        return (f"header:{name}" if name else "header"), reason
    return point, reason


def _failing_header(operation: Operation, response: requests.Response) -> str | None:
    """Which documented header of the answer breaks its schema (to name it in the report)."""
    status = response.status_code if response.status_code in operation.statuses else "default"
    for header in operation.headers(status):
        raw = response.headers.get(header.name)
        if raw is None:
            continue
        value: object = raw
        kind = header.schema.get("type")
        try:
            value = int(raw) if kind == "integer" else float(raw) if kind == "number" else raw
        except ValueError:
            return header.name
        if not Draft202012Validator(dict(header.schema)).is_valid(value):
            return header.name
    return None


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


def _empty_body(operation: Operation, status: Status, response: requests.Response) -> list[Problem]:
    """A documented media type that is not JSON (audio, text) answered with no bytes at all:
    schemathesis validates JSON bodies only."""
    documented = operation.media_types(status)
    actual = media_type(response)
    if not documented or actual not in documented or actual.endswith("json") or response.content:
        return []
    return [("body", f"empty {actual} body")]
