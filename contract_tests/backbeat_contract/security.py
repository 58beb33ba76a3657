"""Security schemes as the spec declares them, and where a credential goes for each.

An operation's `security` (else the document's) lists alternatives; each alternative names the
schemes that must all be satisfied. `apiKey` goes in its header, query parameter or cookie;
`http` bearer and `oauth2`/`openIdConnect` tokens as `Authorization: Bearer <token>`; `http`
basic as `Authorization: Basic <base64(user:password)>` (the credential is `user:password`; a lone
value is a user with no password).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Where a credential travels: a request header, a query parameter or a cookie.
LOCATIONS = ("header", "query", "cookie")


@dataclass(frozen=True)
class Scheme:
    """One security scheme: its name in the spec, where its credential goes and how."""

    name: str
    location: str
    parameter: str
    prefix: str = ""
    basic: bool = False

    @classmethod
    def parse(cls, name: str, node: Mapping[str, Any]) -> Scheme | None:
        """The scheme a `securitySchemes` entry declares; None for one no credential can
        satisfy (mutualTLS, an apiKey without a name or an unknown location)."""
        kind = str(node.get("type", ""))
        if kind == "apiKey":
            location, parameter = str(node.get("in", "")), node.get("name")
            if location not in LOCATIONS or not parameter:
                return None
            return cls(name, location, str(parameter))
        if kind == "http" and str(node.get("scheme", "")).lower() == "basic":
            return cls(name, "header", "Authorization", "Basic ", basic=True)
        if kind == "http":
            scheme = str(node.get("scheme", "bearer"))
            prefix = "Bearer " if scheme.lower() == "bearer" else f"{scheme} "
            return cls(name, "header", "Authorization", prefix)
        if kind in ("oauth2", "openIdConnect"):
            return cls(name, "header", "Authorization", "Bearer ")
        return None

    def value(self, credential: str) -> str:
        if self.basic:
            credential = base64.b64encode(basic_pair(credential).encode()).decode("ascii")
        return f"{self.prefix}{credential}"

    def shown(self, variable: str, credential: str) -> str:
        """This scheme's value in a reproducer, the credential written as the shell `variable`
        (`$API_KEY`) between \\0 marks, for `calls.shell_word` to leave expanded."""
        if self.basic:
            suffix = "" if ":" in credential else ":"
            return f'Basic \x00$(printf %s "{variable}{suffix}" | base64)\x00'
        return f"{self.prefix}\x00{variable}\x00"


def basic_pair(credential: str) -> str:
    """An HTTP basic credential as `user:password` (a lone value is a user with no password,
    as schemathesis sends it)."""
    return credential if ":" in credential else f"{credential}:"


@dataclass(frozen=True)
class Requirement:
    """One alternative of an operation's `security`: every scheme it names must be sent.
    An empty requirement means the operation may be called without credentials."""

    schemes: tuple[Scheme, ...]
    # Schemes the alternative names that the spec does not declare (or no credential fits).
    unusable: tuple[str, ...] = ()

    @property
    def anonymous(self) -> bool:
        return not self.schemes and not self.unusable


def requirements(declared: Any, schemes: Mapping[str, Scheme | None]) -> tuple[Requirement, ...]:
    """The alternatives of a `security` list, in the spec's order."""
    found = []
    for alternative in declared if isinstance(declared, list) else []:
        if not isinstance(alternative, Mapping):
            continue
        usable = tuple(s for n in alternative if (s := schemes.get(str(n))) is not None)
        unusable = tuple(str(n) for n in alternative if schemes.get(str(n)) is None)
        found.append(Requirement(usable, unusable))
    return tuple(found)


def choose(
    alternatives: tuple[Requirement, ...], credentials: Mapping[str, str]
) -> Requirement | None:
    """The alternative a request sends: the first whose every scheme has its own credential,
    else the first that can be sent at all (the main key standing in for each scheme). None:
    the operation needs no credential (no `security`, or an empty alternative comes first)."""
    sendable = [a for a in alternatives if not a.unusable]
    if not alternatives or alternatives[0].anonymous:
        return None
    for alternative in sendable:
        if alternative.schemes and all(s.name in credentials for s in alternative.schemes):
            return alternative
    return next((a for a in sendable if a.schemes), None)
