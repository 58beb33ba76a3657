"""What a load generator is given and what it reports, whichever generator runs."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["LoadResult", "LoadTarget"]


@dataclass(frozen=True)
class LoadTarget:
    """One request, sent over and over: absolute `url`, `method`, `body`, `headers`."""

    url: str
    method: str = "GET"
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urllib.parse.urlsplit(self.url).port or 80

    @property
    def path(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class LoadResult:
    """`requests` answered in `seconds`; `ok` of them 2xx; `p99` latency in seconds.

    `drained` says every request sent got its answer before the count was taken (the Python
    generator); wrk drops the answers still in flight when its time is up.
    """

    requests: int
    ok: int
    seconds: float
    p99: float
    socket_errors: int
    drained: bool

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0
