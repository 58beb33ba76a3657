"""The two APIs this repository ships a spec and a sandbox for: which spec file, where the
sandbox serves it, and the sandbox's magic keys and ids (used only with `--sandbox-magic`).

Nothing here names an operation: how to provoke a status, key roles, meter headers and plan
limits live in the specs as vendor extensions (docs/spec-extensions.md). The magic values stay
out of the specs: they are the sandbox's, not the API's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backbeat_specs import SPEC_FILES


@dataclass(frozen=True)
class SandboxMagic:
    """Keys and ids the backbeat sandbox gives special meaning (see the sandbox README).

    `keys` maps a key role to a magic key (`main` fuzzes, `scenario` runs one targeted scenario,
    the rest are the spec's `x-key-roles`); the sandbox treats `<key>_<suffix>` as a fresh
    account with that key's profile. `ids` maps a status to an id the sandbox answers it for:
    it replaces the unknown id wherever the spec provokes a 404 with one.
    """

    keys: Mapping[str, str]
    ids: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class BuiltinApi:
    name: str
    spec_file: str
    # The API base path on a server that serves the spec's paths (the sandbox does).
    base_path: str
    sandbox: SandboxMagic


def magic_keys(prefix: str, **roles: str) -> dict[str, str]:
    return {role.replace("_", "-"): prefix + name for role, name in roles.items()}


TRACKYARD_MAGIC = magic_keys(
    "ty_test_", main="load", scenario="starter", exhausted="exhausted", revoked="revoked",
    forbidden="nodownload", low_limit="tinylimit",
)  # fmt: skip
MUSICGPT_MAGIC = magic_keys(
    "mg_test_", main="load", scenario="plus", exhausted="broke", revoked="revoked", low_limit="free"
)
PROFILES = {
    api.name: api
    for api in (
        BuiltinApi(
            name="trackyard",
            spec_file=SPEC_FILES["trackyard"],
            base_path="/api/external/v1",
            sandbox=SandboxMagic(keys=TRACKYARD_MAGIC, ids={500: "trk_server_error"}),
        ),
        BuiltinApi(
            name="musicgpt",
            spec_file=SPEC_FILES["musicgpt"],
            base_path="/api/public",
            sandbox=SandboxMagic(keys=MUSICGPT_MAGIC),
        ),
    )
}
