"""API keys: checked once at construction, and scrubbed from everything the client keeps or
raises, in every spelling a server may echo them back in.

A server that echoes a key rarely echoes it verbatim. PHP's `json_encode` writes `/` as `\\/`,
other encoders write every character as `\\u0062`; a URL echo is percent-encoded, an HTML
error page uses entities, and a basic-auth echo is base64 of `user:key`. So a key is matched
character by character, each character in any of its encodings (mixed freely, hex digits in
either case), and its base64 forms are matched at the three alignments a prefix can give them.
"""

from __future__ import annotations

import base64
import functools
import html.entities
import re
import warnings
from collections.abc import Iterable, Mapping

import httpx

__all__ = ["REDACTED", "Scrubber", "checked_api_key", "redacted_request"]

REDACTED = "[redacted]"
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "cookie"})
# Shorter base64 runs are too common to treat as a key (and reveal next to nothing).
MIN_BASE64_CORE = 6
_BASE64_CHARS = "[A-Za-z0-9+/_-]"


def _named_entities() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for name, char in html.entities.html5.items():
        if name.endswith(";") and len(char) == 1:
            names.setdefault(char, []).append(name)
    return names


_NAMED_ENTITIES = _named_entities()


def checked_api_key(key: object, *, argument: str = "api_key") -> str:
    """`key` as it will be sent: a `str` of printable ASCII, surrounding whitespace stripped
    (with a warning: a key read from a file often ends in a newline). Messages name the
    argument and the position of a bad character, never the key."""
    if not isinstance(key, str):
        raise TypeError(f"{argument} must be a str, not {type(key).__name__}")
    stripped = key.strip()
    if stripped != key:
        warnings.warn(
            f"{argument} had surrounding whitespace (a trailing newline from a file or a "
            "secret store?); it was stripped",
            UserWarning,
            stacklevel=4,
        )
    for position, char in enumerate(stripped):
        if not " " <= char <= "~":
            what = "a control character" if char.isascii() else "a non-ASCII character"
            raise ValueError(
                f"{argument} contains {what} at position {position}: an HTTP header value "
                "cannot carry it (is the key mangled?)"
            )
    return stripped


class Scrubber:
    """Replaces every echo of the given secrets with `[redacted]`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first: a key that contains another is redacted whole.
        self.secrets = tuple(sorted(dict.fromkeys(s for s in secrets if s), key=len, reverse=True))
        self._patterns = tuple(_pattern_of(secret) for secret in self.secrets)

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def text(self, text: str) -> str:
        if not text:
            return text
        for pattern in self._patterns:
            text = pattern.sub(REDACTED, text)
        return text

    def value(self, value: object) -> object:
        """A parsed JSON value with every string in it (keys included) scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.value(k): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.value(item) for item in value)
        return value

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        return {name: self.text(value) for name, value in headers.items()}

    def exception_chain(self, error: BaseException | None) -> None:
        """Scrub the string arguments of `error` and of every exception it was raised from
        (what a traceback prints), in place."""
        seen: set[int] = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            error.args = tuple(self.text(a) if isinstance(a, str) else a for a in error.args)
            error = error.__cause__ or error.__context__


@functools.lru_cache(maxsize=64)
def _pattern_of(secret: str) -> re.Pattern[str]:
    alternatives = ["".join(_any_encoding(char) for char in secret), *_base64_cores(secret)]
    return re.compile("|".join(alternatives))


@functools.lru_cache(maxsize=256)
def _any_encoding(char: str) -> str:
    """A regex for `char` as itself or escaped: JSON (`\\/`, `\\u0062`), percent (`%2F`, and
    `+` for a space), HTML entities (`&#47;`, `&#x2f;`, `&sol;`)."""
    code = ord(char)
    spellings = [re.escape(char), "\\\\" + re.escape(char)]  # "\/", and any "\x" a server adds
    spellings.append(r"\\u" + _hex(code, 4))
    spellings.append("%" + _hex(code, 2))
    spellings.append(f"&#0*{code};")
    spellings.append(r"&#[xX]0*" + _hex(code, 0) + ";")
    spellings.extend("&" + re.escape(name) for name in _NAMED_ENTITIES.get(char, ()))
    if char == " ":
        spellings.append(r"\+")
    return "(?:" + "|".join(spellings) + ")"


def _hex(code: int, width: int) -> str:
    """The hex digits of `code` (zero-padded to `width`), each letter in either case."""
    digits = f"{code:0{width}x}" if width else f"{code:x}"
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in digits)


def _base64_cores(secret: str) -> list[str]:
    """Regexes for the base64 (standard or URL-safe) of any text containing `secret`, such as
    `user:secret` in a basic-auth header: the part of the encoding that only the secret's
    bytes determine, at each of the three offsets a prefix can put it at, matched with the
    whole base64 run around it (the prefix is redacted along with the key)."""
    raw = secret.encode()
    cores = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode()
        start = 4 if offset else 0
        end = 4 * ((offset + len(raw)) // 3)
        core = encoded[start:end]
        if len(core) < MIN_BASE64_CORE:
            continue
        urlsafe = core.translate(str.maketrans("+/", "-_"))
        for variant in dict.fromkeys((core, urlsafe)):
            cores.append(f"{_BASE64_CHARS}*{re.escape(variant)}{_BASE64_CHARS}*=*")
    return cores


def redacted_request(request: httpx.Request | None, scrubber: Scrubber) -> httpx.Request | None:
    """A copy of `request` to keep on an exception: same method and URL, headers scrubbed and
    the credential headers blanked, no body (the original holds the key in a header)."""
    if request is None:
        return None
    headers = [
        (name, REDACTED if name.lower() in CREDENTIAL_HEADERS else scrubber.text(value))
        for name, value in request.headers.items()
    ]
    copy = httpx.Request(request.method, scrubber.text(str(request.url)), headers=headers)
    copy.extensions = {k: v for k, v in request.extensions.items() if k == "timeout"}
    return copy
