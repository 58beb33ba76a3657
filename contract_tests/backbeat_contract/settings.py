"""Run settings: pytest options, each with an environment-variable fallback."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from backbeat_contract.keys import Keys
from backbeat_contract.profiles import KEY_ROLES, PROFILES, ApiProfile
from backbeat_contract.spec import Spec

PROFILE_NAMES = ("sandbox", "live")
REPO_ROOT = Path(__file__).resolve().parents[2]

# option name -> (environment variable, default, help)
OPTIONS: Mapping[str, tuple[str, str | None, str]] = {
    "api": ("CONTRACT_API", "trackyard", "which API and spec: trackyard|musicgpt"),
    "base-url": ("CONTRACT_BASE_URL", None, "API base URL as the spec's servers give it"),
    "api-key": ("CONTRACT_API_KEY", None, "the key every ordinary request sends"),
    "profile": ("CONTRACT_PROFILE", "sandbox", "sandbox (exhaustive) | live (budgeted)"),
    "credit-budget": ("CONTRACT_CREDIT_BUDGET", "5", "live: most credits the run may spend"),
    "max-examples": (
        "CONTRACT_MAX_EXAMPLES",
        None,
        "fuzzing examples per operation (sandbox default: 400 divided among the operations)",
    ),
    "phases": ("CONTRACT_PHASES", None, "schemathesis phases, e.g. examples,fuzzing"),
    "seed": ("CONTRACT_SEED", "20260222", "seed for data generation"),
    "report-dir": ("CONTRACT_REPORT_DIR", "reports", "where reports are written"),
    "sandbox-magic": ("CONTRACT_SANDBOX_MAGIC", "", "target is the backbeat sandbox: use its keys"),
    **{
        f"{role.replace('_', '-')}-key": (f"CONTRACT_{role.upper()}_KEY", None, f"{role} key")
        for role in KEY_ROLES
        if role not in ("main", "scenario")
    },
}
DEFAULT_EXAMPLES = {"sandbox": 100, "live": 5}
# The sandbox profile's fuzzing budget for the whole run, divided among the spec's operations
# (each gets at most DEFAULT_EXAMPLES, at least MIN_EXAMPLES): a spec with more operations gets
# fewer examples per operation rather than a longer run, and no operation is dropped.
RUN_EXAMPLES = {"sandbox": 400}
MIN_EXAMPLES = 5
# The coverage phase sends every boundary case however few examples are asked for: too many
# requests for a paced, budgeted live run.
KNOWN_PHASES = ("examples", "coverage", "fuzzing", "stateful")
DEFAULT_PHASES = {
    "sandbox": "examples,coverage,fuzzing,stateful",
    "live": "examples,fuzzing,stateful",
}


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "backbeat contract suite")
    for name, (env, _default, text) in OPTIONS.items():
        group.addoption(f"--{name}", dest=_dest(name), default=None, help=f"{text} (${env})")


def _dest(name: str) -> str:
    return "contract_" + name.replace("-", "_")


def _option(config: pytest.Config, name: str) -> str | None:
    env, default, _ = OPTIONS[name]
    value = config.getoption(_dest(name)) or os.environ.get(env) or default
    return value or None


@dataclass(frozen=True)
class RunSettings:
    profile: ApiProfile
    spec_path: Path
    base_url: str
    mode: str
    credit_budget: int
    max_examples: int
    phases: tuple[str, ...]
    seed: int
    report_dir: Path
    sandbox_magic: bool
    keys: Keys = field(repr=False)

    @property
    def is_live(self) -> bool:
        return self.mode == "live"

    @property
    def report_stem(self) -> str:
        return "contract" if self.profile.name == "trackyard" else f"contract-{self.profile.name}"


def _integer(config: pytest.Config, name: str) -> int | None:
    raw = _option(config, name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise pytest.UsageError(f"--{name} must be an integer, got {raw!r}") from None


def load(config: pytest.Config) -> RunSettings:
    api = _option(config, "api") or ""
    mode = _option(config, "profile") or ""
    if api not in PROFILES:
        raise pytest.UsageError(f"--api must be one of {sorted(PROFILES)}, got {api!r}")
    if mode not in PROFILE_NAMES:
        raise pytest.UsageError(f"--profile must be one of {list(PROFILE_NAMES)}, got {mode!r}")
    base_url = _option(config, "base-url")
    if not base_url or not base_url.startswith(("http://", "https://")):
        raise pytest.UsageError("--base-url (or $CONTRACT_BASE_URL) must be an http(s) URL")
    profile = PROFILES[api]
    magic = (_option(config, "sandbox-magic") or "") not in ("", "0", "false")
    keys = _keys(config, profile, magic, live=mode == "live")
    budget = _integer(config, "credit-budget") or 0
    if budget < 0:
        raise pytest.UsageError("--credit-budget must not be negative")
    return RunSettings(
        profile=profile,
        spec_path=REPO_ROOT / profile.spec_file,
        base_url=base_url.rstrip("/"),
        mode=mode,
        credit_budget=budget,
        max_examples=_integer(config, "max-examples") or _examples_per_operation(profile, mode),
        phases=_phases(_option(config, "phases") or DEFAULT_PHASES[mode]),
        seed=_integer(config, "seed") or 0,
        report_dir=Path(_option(config, "report-dir") or "reports"),
        sandbox_magic=magic,
        keys=keys,
    )


def _examples_per_operation(profile: ApiProfile, mode: str) -> int:
    if mode not in RUN_EXAMPLES:
        return DEFAULT_EXAMPLES[mode]
    operations = len(Spec.load(REPO_ROOT / profile.spec_file).operations) or 1
    share = RUN_EXAMPLES[mode] // operations
    return max(MIN_EXAMPLES, min(DEFAULT_EXAMPLES[mode], share))


def _phases(raw: str) -> tuple[str, ...]:
    phases = tuple(p.strip() for p in raw.split(",") if p.strip())
    unknown = sorted(set(phases) - set(KNOWN_PHASES))
    if unknown or not phases:
        raise pytest.UsageError(f"--phases takes some of {list(KNOWN_PHASES)}, got {raw!r}")
    return phases


def _keys(config: pytest.Config, profile: ApiProfile, magic: bool, live: bool) -> Keys:
    given = {
        role: value
        for role in KEY_ROLES
        if role != "scenario"
        and (
            value := _option(
                config, "api-key" if role == "main" else f"{role.replace('_', '-')}-key"
            )
        )
    }
    if not magic and "main" not in given:
        raise pytest.UsageError(
            "--api-key (or $CONTRACT_API_KEY) is required unless --sandbox-magic"
        )
    sandbox_keys = profile.sandbox.keys if magic else {}
    # Live runs, like a user's, send their scenarios with the main key.
    skipped = set(given) | ({"scenario"} if live else set())
    return Keys(given, {role: key for role, key in sandbox_keys.items() if role not in skipped})
