"""Rate-limit meters as servers announce them: a plain integer header (`X-RateLimit-Limit`,
`X-RateLimit-Remaining`, the spec's own `x-meter-headers`), or the IETF fields of
draft-ietf-httpapi-ratelimit-headers, in their published shapes:

- `RateLimit: "default";r=50;t=30` with `RateLimit-Policy: "default";q=100;w=60` (draft 08+);
- `RateLimit: limit=100, remaining=50, reset=30` (drafts 04-07);
- `RateLimit-Limit`/`RateLimit-Remaining`/`RateLimit-Reset` with `RateLimit-Policy: 100;w=60`
  (drafts up to 03).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The IETF structured fields, by meter: (header, parameter pattern).
_STRUCTURED = {
    "remaining": (("RateLimit", r"(?:^|[;,\s])(?:r|remaining)=(\d+)"),),
    "limit": (
        ("RateLimit-Policy", r"(?:^|[;,\s])q=(\d+)"),
        ("RateLimit-Policy", r"^\s*(\d+)\s*(?:;|$)"),
        ("RateLimit", r"(?:^|[;,\s])limit=(\d+)"),
    ),
}
_WINDOW = re.compile(r"(?:^|[;,\s])w=(\d+)")


def read(headers: Mapping[str, str], meter: str, names: tuple[str | None, ...]) -> int | None:
    """The `limit` or `remaining` meter an answer announces: the first of `names` holding an
    integer, else the IETF `RateLimit`/`RateLimit-Policy` fields."""
    for name in names:
        raw = headers.get(name or "", "").strip()
        if raw.isdigit():
            return int(raw)
    for header, pattern in _STRUCTURED.get(meter, ()):
        found = re.search(pattern, headers.get(header, ""))
        if found:
            return int(found.group(1))
    return None


def window_seconds(headers: Mapping[str, str]) -> int | None:
    """The policy's window (`RateLimit-Policy: ...;w=60`), when announced."""
    found = _WINDOW.search(headers.get("RateLimit-Policy", ""))
    return int(found.group(1)) if found else None
