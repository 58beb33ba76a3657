"""The ``uri`` format as RFC 3986 states it (an absolute URI).

jsonschema checks ``uri`` only when an optional package happens to be installed; stating the
grammar here makes every layer's verdict the same whatever is installed. Stdlib only.
"""

from __future__ import annotations

import ipaddress
import re

__all__ = ["is_uri"]

_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_URI = re.compile(
    rf"""
    (?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):
    (?:
        //(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?
        (?:\[(?P<ip_literal>[^\]/]*)\]|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)
        (?::[0-9]*)?
        (?:/{_PCHAR}*)*
    |
        (?:{_PCHAR}+(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?)?
    )
    (?:\?(?:{_PCHAR}|[/?])*)?
    (?:\#(?:{_PCHAR}|[/?])*)?
    """,
    re.VERBOSE,
)
_IP_FUTURE = re.compile(rf"v[0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB_DELIMS}:]+")


def is_uri(value: object) -> bool:
    """Whether ``value`` is an absolute URI (RFC 3986); formats constrain strings only, so any
    other value passes."""
    if not isinstance(value, str):
        return True
    match = _URI.fullmatch(value)
    if match is None:
        return False
    literal = match.group("ip_literal")
    return literal is None or _is_ip_literal(literal)


def _is_ip_literal(text: str) -> bool:
    if _IP_FUTURE.fullmatch(text):
        return True
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True
