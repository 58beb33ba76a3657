"""backbeat: production clients for the Trackyard and MusicGPT APIs.

Typed exceptions for every status, retries with backoff and `Retry-After`, a shared retry
budget, optional pacing under the server's rate limit, default timeouts; sync and async.
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
    UnprocessableEntityError,
)
from ._polling import ConversionFailedError, ConversionTimeoutError
from ._ratelimit import RateLimitInfo
from ._version import __version__
from .musicgpt import AsyncMusicGPT, MusicGPT
from .trackyard import AsyncTrackyard, Download, Trackyard

__all__ = [
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
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitInfo",
    "Trackyard",
    "UnprocessableEntityError",
    "__version__",
]
