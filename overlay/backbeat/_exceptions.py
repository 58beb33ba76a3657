"""The exception hierarchy: every failure a client call can end in is one of these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BackbeatError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
]


class BackbeatError(Exception):
    """Base of every exception this package raises (including configuration errors)."""


class APIError(BackbeatError):
    """A call failed: no usable response, or a response that is not what the spec says."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before a response arrived."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


class ResponseTooLargeError(APIError):
    """The response body, decompressed, is larger than the client's `max_response_size`
    (`limit`, in bytes); it was not read further."""

    def __init__(self, message: str, *, limit: int, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)
        self.limit = limit


class APIStatusError(APIError):
    """The server answered with a status that is not a success.

    `error` is the short identifier and `message` the human text, both read leniently from
    whatever body arrived; `body` is the parsed JSON (or the raw text when it was not JSON).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        error: str | None = None,
        code: str | None = None,
        request_id: str | None = None,
        body: object = None,
        headers: Mapping[str, str] | None = None,
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.status_code = status_code
        self.error = error
        self.code = code
        self.request_id = request_id
        self.body = body
        self.headers: Mapping[str, str] = dict(headers or {})

    def __str__(self) -> str:
        return f"{self.status_code}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """400: the request was malformed or out of range."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed, unknown or revoked."""


class PaymentRequiredError(APIStatusError):
    """402: not enough credits; retrying does not help."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.required_credits = _number_field(self.body, "required_credits")
        self.available_credits = _number_field(self.body, "available_credits")


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: the resource does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well formed but could not be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the server's requested wait in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """A status of 500 or above."""


def _number_field(body: object, name: str) -> float | None:
    value = body.get(name) if isinstance(body, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
