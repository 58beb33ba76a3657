"""JSON in and out: text that is accepted can always be sent back, and the reply encoder
never raises.

A JSON body may spell a lone UTF-16 surrogate as an escape (``"\\ud800"``) or a number too
large for a float (``1e400``): Python parses both, but neither can be written back as valid
JSON in UTF-8. Such bodies are refused on the way in (`InvalidText`, reported as the API's own
400); the encoder still replaces whatever slips through rather than fail a reply.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import orjson

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_DUMP = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


class InvalidText(ValueError):
    """A JSON body holds something that is not JSON text once parsed."""


def parse_json(text: str, raw: bytes) -> Any:
    """``json.loads`` that refuses non-finite numbers and lone surrogates (`InvalidText`);
    malformed JSON raises ``ValueError`` as usual."""
    if text.startswith("\ufeff"):  # as json.loads says it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    value = _DECODE(text)
    if _SURROGATE_ESCAPE.search(raw):  # rare: only then walk the value
        where = _lone_surrogate_at(value, "body")
        if where is not None:
            raise InvalidText(f"{where}: not valid Unicode text (a lone surrogate escape)")
    return value


def _reject_constant(name: str) -> None:
    raise InvalidText(f"body: {name} is not a valid JSON value")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise InvalidText(f"body: the number {text[:40]} is too large")
    return number


# Built once: `json.loads` with hooks builds a new decoder on every call.
_DECODE = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float).decode


def _lone_surrogate_at(value: Any, where: str) -> str | None:
    if isinstance(value, str):
        return None if _encodable(value) else where
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if _encodable(key) else where
            if not _encodable(key):
                return inner
            found = _lone_surrogate_at(item, inner)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _lone_surrogate_at(item, f"{where}[{index}]")
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def encode_json(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON. Never raises: what JSON cannot carry (a lone surrogate,
    a non-finite number, a non-JSON type) is replaced (U+FFFD, null, its text).

    orjson first (several times faster on the catalog's pages); what it refuses (integers
    beyond 64 bits, lone surrogates) goes through the standard library's encoder."""
    try:
        return orjson.dumps(value)
    except (orjson.JSONEncodeError, RecursionError):
        pass
    try:
        return _DUMP(value).encode("utf-8")
    except (ValueError, TypeError, RecursionError):
        pass
    try:
        return _DUMP(_scrubbed(value, 0)).encode("utf-8")
    except (ValueError, TypeError, RecursionError):
        return b'{"error":"the reply could not be encoded"}'


_MAX_DEPTH = 200


def _scrubbed(value: Any, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, str):
        return value if _encodable(value) else _SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(_scrubbed(str(k), depth)): _scrubbed(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrubbed(item, depth + 1) for item in value]
    return _scrubbed(str(value), depth)
