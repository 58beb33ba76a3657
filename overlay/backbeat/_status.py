"""Turn any non-success response into the right `APIStatusError`, whatever its body holds.

Vendors' error bodies drift (missing fields, extra fields, an HTML page from a proxy, no body
at all), so nothing here may fail: every field is read if it is there and left None if not.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from . import _exceptions as errors
from ._retry import parse_retry_after
from ._secrets import Scrubber, redacted_request

__all__ = ["ErrorReader"]

EXCEPTION_FOR_STATUS: dict[int, type[errors.APIStatusError]] = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    402: errors.PaymentRequiredError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    422: errors.UnprocessableEntityError,
    429: errors.RateLimitError,
}
MAX_TEXT_IN_MESSAGE = 200
NO_SECRETS = Scrubber(())


@dataclass(frozen=True)
class ErrorReader:
    """`message_fields`: body fields tried in order for the human-readable message.
    `scrubber`: removes the API key, in any encoding, from the body, its parsed values and the
    headers before anything reads them, and from the request the exception keeps."""

    message_fields: Sequence[str]
    scrubber: Scrubber = NO_SECRETS

    def exception_for(self, response: httpx.Response, *, now: float) -> errors.APIStatusError:
        """`response` must have been read."""
        text = self._scrubbed_text(response)
        # Escapes the text match did not join up (a key split across JSON escapes of several
        # kinds) are decoded by now; scrub again.
        body = self.scrubber.value(_json_or_text(text))
        fields = body if isinstance(body, dict) else {}
        headers = self.scrubber.headers(response.headers)
        error = _exception_class(response.status_code)(
            self._message(fields, body, response.status_code),
            status_code=response.status_code,
            error=_string(fields.get("error")),
            code=_string(fields.get("code")),
            request_id=_string(fields.get("request_id")) or headers.get("x-request-id"),
            body=body,
            headers=headers,
            request=redacted_request(_request_of(response), self.scrubber),
        )
        if isinstance(error, errors.RateLimitError):
            error.retry_after = parse_retry_after(response.headers, now=now)
        return error

    def _scrubbed_text(self, response: httpx.Response) -> str:
        try:
            text = response.content.decode("utf-8", errors="replace")
        except httpx.ResponseNotRead:
            text = ""
        return self.scrubber.text(text)

    def _message(self, fields: dict[str, object], body: object, status: int) -> str:
        for name in self.message_fields:
            value = fields.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
            if value not in (None, "", [], {}) and not isinstance(value, str):
                return json.dumps(value, sort_keys=True)[:MAX_TEXT_IN_MESSAGE]
        if isinstance(body, str):  # not JSON: show the start of what arrived
            return " ".join(body.split())[:MAX_TEXT_IN_MESSAGE]
        return _reason_phrase(status)


def _exception_class(status: int) -> type[errors.APIStatusError]:
    if status >= 500:
        return errors.InternalServerError
    return EXCEPTION_FOR_STATUS.get(status, errors.APIStatusError)


def _request_of(response: httpx.Response) -> httpx.Request | None:
    try:
        return response.request
    except RuntimeError:  # a response built by hand, outside any client
        return None


def _json_or_text(text: str) -> object:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
    except RecursionError:  # absurdly nested JSON is still just an unreadable body
        return text


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _reason_phrase(status: int) -> str:
    return httpx.codes.get_reason_phrase(status) or f"HTTP status {status}"
