"""backbeat: production clients for the Trackyard and MusicGPT APIs.

Typed exceptions for every status, retries with backoff and `Retry-After`, a shared retry
budget, optional pacing under the server's rate limit, default timeouts, tolerant reading,
raw responses and per-call options; sync and async. `BACKBEAT_LOG=info|debug` logs to stderr.
"""

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BackbeatError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)
from ._logging import configure_from_environment
from ._options import NOT_GIVEN, NotGiven
from ._polling import ConversionFailedError, ConversionTimeoutError
from ._ratelimit import RateLimitInfo
from ._raw import RawResponse
from ._version import __version__
from .musicgpt import AsyncMusicGPT, MusicGPT
from .trackyard import AsyncTrackyard, Download, Trackyard

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncMusicGPT",
    "AsyncTrackyard",
    "AuthenticationError",
    "BackbeatError",
    "BadRequestError",
    "ConflictError",
    "ConversionFailedError",
    "ConversionTimeoutError",
    "Download",
    "InternalServerError",
    "MusicGPT",
    "NotFoundError",
    "NotGiven",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitInfo",
    "RawResponse",
    "ResponseTooLargeError",
    "Trackyard",
    "UnprocessableEntityError",
    "__version__",
]

configure_from_environment()
