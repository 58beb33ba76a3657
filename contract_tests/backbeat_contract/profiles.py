"""Per-API profiles: the thin, API-specific part of the suite (how to provoke what).

Everything else is read from the spec. The sandbox's magic values live here and nowhere else:
they are used only when the suite is told it targets the backbeat sandbox (`--sandbox-magic`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A request tweak: `json` entries merge into the body (JSON or form fields), `drop` removes body
# fields, `query` entries merge into the query string.
Tweak = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class SandboxMagic:
    """Keys and ids the backbeat sandbox gives special meaning (see the sandbox README).

    `keys` maps a key role (see `KEY_ROLES`) to a magic key; the sandbox treats
    `<key>_<suffix>` as a fresh account with that key's profile.
    """

    keys: Mapping[str, str]
    # (operationId, status) -> the tweak that makes the sandbox answer that status.
    triggers: Mapping[tuple[str, int], Tweak] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class ApiProfile:
    name: str
    # (operationId, status) -> a tweak that provokes the status on any server (documented ids).
    triggers: Mapping[tuple[str, int], Tweak] = field(default_factory=dict)
    spec_file: str
    # operationId -> a tweak that makes the spec's first example a valid request.
    valid_requests: Mapping[str, Tweak] = field(default_factory=dict)
    # The API base path on a server that serves the spec's paths (the sandbox does).
    base_path: str
    sandbox: SandboxMagic
    # operationId -> calls per window the `low_limit` key's plan allows (documented limits the
    # server does not announce in headers); a burst sends one more.
    burst_limits: Mapping[str, int] = field(default_factory=dict)
    # Status a syntactically valid but unknown key gets.
    invalid_key_status: int
    # operationId -> (source operationId, response field, query parameter): a valid request
    # needs an id another operation returns (what an OpenAPI link would say).
    prerequisites: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    credits_header: str | None = None
    rate_limit_header: str | None = None
    remaining_header: str | None = None
    # operationIds the `forbidden` key is refused on (403).
    forbidden_key_operations: frozenset[str] = frozenset()
    # A 429 burst sends at most this many calls; larger limits are not burst.
    max_burst: int = 30


def magic_keys(prefix: str, names: str) -> dict[str, str]:
    """Role -> magic key, from the names in `KEY_ROLES` order (`-`: no key for that role)."""
    return {
        role: prefix + name
        for role, name in zip(KEY_ROLES, names.split(), strict=True)
        if name != "-"
    }


# Key roles: `main` fuzzes (its limits must not bite), `scenario` runs one targeted scenario,
# `exhausted` has no credits (402), `revoked` is refused (401/403), `forbidden` lacks a
# permission (403 on `forbidden_key_operations`), `low_limit` has a tiny per-minute limit (429).
KEY_ROLES = ("main", "scenario", "exhausted", "revoked", "forbidden", "low_limit")

TRACKYARD = ApiProfile(
    name="trackyard",
    spec_file="openapi.yaml",
    base_path="/api/external/v1",
    invalid_key_status=401,
    credits_header="X-Credits-Remaining",
    rate_limit_header="X-RateLimit-Limit",
    remaining_header="X-RateLimit-Remaining",
    forbidden_key_operations=frozenset({"downloadTrack"}),
    triggers={("downloadTrack", 404): {"json": {"track_id": "trk_missing"}}},
    sandbox=SandboxMagic(
        keys=magic_keys("ty_test_", "load starter exhausted revoked nodownload tinylimit"),
        triggers={("downloadTrack", 500): {"json": {"track_id": "trk_server_error"}}},
    ),
)

MUSICGPT = ApiProfile(
    name="musicgpt",
    spec_file="musicgpt.openapi.yaml",
    base_path="/api/public",
    invalid_key_status=403,
    triggers={
        ("getConversion", 404): {"query": {"task_id": "00000000-0000-0000-0000-000000000000"}}
    },
    # The Free plan: one parallel job per category, 20 getConversion calls a minute.
    burst_limits={
        "generateMusic": 1,
        "textToSpeech": 1,
        "extractStems": 1,
        "changeVoice": 1,
        "getConversion": 20,
    },
    prerequisites={"getConversion": ("generateMusic", "task_id", "task_id")},
    sandbox=SandboxMagic(
        keys=magic_keys("mg_test_", "load plus broke revoked - free"),
    ),
)

PROFILES = {profile.name: profile for profile in (TRACKYARD, MUSICGPT)}
