"""API keys by role, fresh sandbox accounts, and how keys appear (never) in reports."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping

# The suite's own roles: `main` fuzzes (its limits must not bite), `scenario` runs one targeted
# scenario (the main key's kind). Every other role is one of the spec's `x-key-roles`.
OWN_ROLES = ("main", "scenario")


def variable(role: str) -> str:
    """The shell variable standing for a role's key in reproducers: `$API_KEY`,
    `$EXHAUSTED_KEY`, `$LOW_LIMIT_KEY`, ..."""
    if role in OWN_ROLES:
        return "$API_KEY"
    return "$" + env_name(role)


def env_name(role: str) -> str:
    """`low-limit` -> `LOW_LIMIT_KEY` (the runner reads `CONTRACT_LOW_LIMIT_KEY`)."""
    return "".join(c if c.isalnum() else "_" for c in role.upper()) + "_KEY"


class Keys:
    """API keys by role. Never printed: the repr names roles only, reports show variables."""

    def __init__(
        self,
        keys: Mapping[str, str],
        magic: Mapping[str, str] | None,
        named: Mapping[str, str] | None = None,
    ) -> None:
        self._keys = dict(keys)
        # Credentials given per security scheme (`--auth SCHEME=ENV`) -> `$ENV`.
        self._named = {key: f"${env}" for key, env in (named or {}).items()}
        self._magic = dict(magic or {})
        self._run = secrets.token_hex(5)
        # Every key handed out -> its role, so that reports can name it by role.
        self._roles = {key: role for role, key in self._keys.items()}
        # shown_all(), kept while no key is added (counted by the keys it covers).
        self._shown: dict[str, str] = {}
        self._shown_for = -1

    def __repr__(self) -> str:
        return f"Keys(roles={sorted(set(self._keys) | set(self._magic))})"

    def has(self, role: str) -> bool:
        return role in self._keys or role in self._magic

    def get(self, role: str) -> str:
        """The key for `role`; on the sandbox a fresh account for every call."""
        if role in self._magic:
            key = f"{self._magic[role]}_{self._run}x{len(self._roles) + 1}"
            self._roles[key] = role
            return key
        if role == "scenario":
            return self.get("main")
        return self._keys[role]

    def encoded(self, key: str) -> dict[str, str]:
        """How `key` may appear in a request besides itself -> the shell expression that makes
        it: base64 of `user:password` (an HTTP basic credential), with no password too."""
        shown = self.shown(key)
        forms = {}
        for pair, written in ((key, shown), (f"{key}:", f"{shown}:")):
            encoded = base64.b64encode(pair.encode()).decode("ascii")
            forms[encoded] = f'$(printf %s "{written}" | base64)'
        return forms

    def shown(self, key: str) -> str:
        """How a key appears in reports: `$API_KEY`, `$EXHAUSTED_KEY`, ... (others as is:
        a key the suite made up to be refused is no secret)."""
        if key in self._named:
            return self._named[key]
        role = self._roles.get(key)
        return variable(role) if role else key

    def redact(self, text: str) -> str:
        for secret, shown in self.shown_all().items():
            if secret in text:
                text = text.replace(secret, shown)
        return text

    def shown_all(self) -> dict[str, str]:
        """Every key handed out, and its encoded forms -> how reports write it (longest
        first, so that no key is replaced inside a longer one)."""
        keys = {*self._roles, *self._named}
        if self._shown_for != len(keys):
            shown: dict[str, str] = {}
            for key in keys:
                if key:
                    shown[key] = self.shown(key)
                    shown.update(self.encoded(key))
            self._shown = dict(sorted(shown.items(), key=lambda item: -len(item[0])))
            self._shown_for = len(keys)
        return self._shown
