"""Run settings: pytest options, each with an environment-variable fallback.

`OPTIONS` is the one table of settings: the pytest plugin and the `backbeat-contract` command
line are both built from it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from backbeat_specs import spec_dir

from backbeat_contract import coverage
from backbeat_contract.keys import OWN_ROLES, Keys, env_name
from backbeat_contract.profiles import PROFILES, BuiltinApi
from backbeat_contract.spec import Spec, SpecError

PROFILE_NAMES = ("sandbox", "live")
# Key roles with an option of their own; any other role of the spec's `x-key-roles` reads its
# key from `$CONTRACT_<ROLE>_KEY` (e.g. `read-only` -> `$CONTRACT_READ_ONLY_KEY`).
ROLE_OPTIONS = ("exhausted", "revoked", "forbidden", "low-limit")

# option name -> (environment variable, default, help)
OPTIONS: Mapping[str, tuple[str, str | None, str]] = {
    "api": ("CONTRACT_API", None, "a built-in API: trackyard (default) | musicgpt"),
    "spec": ("CONTRACT_SPEC", None, "any OpenAPI 3.0/3.1 spec file (instead of --api's)"),
    "base-url": ("CONTRACT_BASE_URL", None, "API base URL as the spec's servers give it"),
    "api-key": ("CONTRACT_API_KEY", None, "the key every ordinary request sends"),
    "auth": (
        "CONTRACT_AUTH",
        None,
        "a credential per security scheme, read from an environment variable: "
        "SCHEME=ENV_NAME[,SCHEME=ENV_NAME...] (a scheme without one gets the main key)",
    ),
    "profile": ("CONTRACT_PROFILE", "sandbox", "sandbox (exhaustive) | live (budgeted)"),
    "credit-budget": ("CONTRACT_CREDIT_BUDGET", "5", "live: most credits the run may spend"),
    "max-examples": ("CONTRACT_MAX_EXAMPLES", None, "fuzzing examples per operation"),
    "phases": ("CONTRACT_PHASES", None, "schemathesis phases, e.g. examples,fuzzing"),
    "seed": ("CONTRACT_SEED", "20260222", "seed for data generation"),
    "report-dir": ("CONTRACT_REPORT_DIR", "reports", "where reports are written"),
    "baseline": ("CONTRACT_BASELINE", None, "an earlier contract-coverage.json: what changed"),
    "fail-on-regression": ("CONTRACT_FAIL_ON_REGRESSION", "", "1: exit 1 if a cell got worse"),
    "sandbox-magic": ("CONTRACT_SANDBOX_MAGIC", "", "target is the backbeat sandbox: use its keys"),
    **{
        f"{role}-key": (f"CONTRACT_{env_name(role)}", None, f"a key of the spec's {role} role")
        for role in ROLE_OPTIONS
    },
}
DEFAULT_API = "trackyard"
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
FALSE = ("", "0", "false", "no", "off")


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


def _flag(config: pytest.Config, name: str) -> bool:
    return (_option(config, name) or "").strip().lower() not in FALSE


@dataclass(frozen=True)
class RunSettings:
    api: str
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
    # The built-in API whose sandbox magic applies (None for a spec given with --spec).
    builtin: BuiltinApi | None = None
    baseline: Path | None = None
    fail_on_regression: bool = False
    # Security scheme -> its own credential (`--auth`); never shown, reports name the variable.
    auth: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def is_live(self) -> bool:
        return self.mode == "live"

    @property
    def report_stem(self) -> str:
        if self.builtin is None or self.builtin.name == "trackyard":
            return "contract"
        return f"contract-{self.builtin.name}"

    @property
    def magic_ids(self) -> Mapping[int, str]:
        return self.builtin.sandbox.ids if self.builtin and self.sandbox_magic else {}


def _integer(config: pytest.Config, name: str) -> int | None:
    raw = _option(config, name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise pytest.UsageError(f"--{name} must be an integer, got {raw!r}") from None


def load(config: pytest.Config) -> tuple[RunSettings, Spec]:
    """The run's settings and its spec; a usage error names what is wrong."""
    api = _option(config, "api")
    spec_option = _option(config, "spec")
    mode = _option(config, "profile") or ""
    if api is not None and api not in PROFILES:
        raise pytest.UsageError(f"--api must be one of {sorted(PROFILES)}, got {api!r}")
    if mode not in PROFILE_NAMES:
        raise pytest.UsageError(f"--profile must be one of {list(PROFILE_NAMES)}, got {mode!r}")
    base_url = _option(config, "base-url")
    if not base_url or not base_url.startswith(("http://", "https://")):
        raise pytest.UsageError("--base-url (or $CONTRACT_BASE_URL) must be an http(s) URL")
    builtin = PROFILES[api or DEFAULT_API] if api or not spec_option else None
    if spec_option:
        spec_path = Path(spec_option)
    else:
        assert builtin is not None
        spec_path = spec_dir() / builtin.spec_file
    try:
        spec = Spec.load(spec_path)
    except SpecError as exc:
        raise pytest.UsageError(f"spec error: {exc}") from None
    magic = _flag(config, "sandbox-magic")
    if magic and builtin is None:
        raise pytest.UsageError("--sandbox-magic needs --api (the sandbox serves its two APIs)")
    auth = _auth(_option(config, "auth"), spec)
    keys = _keys(config, spec, builtin if magic else None, live=mode == "live", auth=auth)
    budget = _integer(config, "credit-budget") or 0
    if budget < 0:
        raise pytest.UsageError("--credit-budget must not be negative")
    baseline = _option(config, "baseline")
    if baseline:
        try:
            coverage.load(Path(baseline))
        except ValueError as exc:
            raise pytest.UsageError(f"--baseline: {exc}") from None
    settings = RunSettings(
        api=builtin.name if builtin else spec.title,
        spec_path=spec_path,
        base_url=base_url.rstrip("/"),
        mode=mode,
        credit_budget=budget,
        max_examples=_integer(config, "max-examples") or _examples_per_operation(spec, mode),
        phases=_phases(_option(config, "phases") or DEFAULT_PHASES[mode]),
        seed=_integer(config, "seed") or 0,
        report_dir=Path(_option(config, "report-dir") or "reports"),
        sandbox_magic=magic,
        keys=keys,
        builtin=builtin,
        baseline=Path(baseline) if baseline else None,
        fail_on_regression=_flag(config, "fail-on-regression"),
        auth={scheme: key for scheme, (_env, key) in auth.items()},
    )
    return settings, spec


def _auth(raw: str | None, spec: Spec) -> dict[str, tuple[str, str]]:
    """`SCHEME=ENV_NAME,...` -> scheme -> (variable, credential); a usage error names a scheme
    the spec lacks or a variable that is unset (never a value)."""
    found: dict[str, tuple[str, str]] = {}
    for item in (part.strip() for part in (raw or "").split(",")):
        if not item:
            continue
        scheme, sep, env = (text.strip() for text in item.partition("="))
        if not sep or not scheme or not env:
            raise pytest.UsageError(f"--auth takes SCHEME=ENV_NAME, got {item!r}")
        if scheme not in spec.schemes:
            raise pytest.UsageError(
                f"--auth: the spec declares no security scheme {scheme!r} "
                f"(it declares {sorted(spec.schemes) or 'none'})"
            )
        credential = os.environ.get(env)
        if not credential:
            raise pytest.UsageError(f"--auth {scheme}: the environment variable {env} is not set")
        found[scheme] = (env, credential)
    return found


def _examples_per_operation(spec: Spec, mode: str) -> int:
    if mode not in RUN_EXAMPLES:
        return DEFAULT_EXAMPLES[mode]
    operations = len(spec.operations) or 1
    share = RUN_EXAMPLES[mode] // operations
    return max(MIN_EXAMPLES, min(DEFAULT_EXAMPLES[mode], share))


def _phases(raw: str) -> tuple[str, ...]:
    phases = tuple(p.strip() for p in raw.split(",") if p.strip())
    unknown = sorted(set(phases) - set(KNOWN_PHASES))
    if unknown or not phases:
        raise pytest.UsageError(f"--phases takes some of {list(KNOWN_PHASES)}, got {raw!r}")
    return phases


def _role_key(config: pytest.Config, role: str) -> str | None:
    if role in ROLE_OPTIONS:
        return _option(config, f"{role}-key")
    return os.environ.get(f"CONTRACT_{env_name(role)}") or None


def _keys(
    config: pytest.Config,
    spec: Spec,
    magic: BuiltinApi | None,
    live: bool,
    auth: Mapping[str, tuple[str, str]],
) -> Keys:
    given = {role: key for role in spec.key_roles if (key := _role_key(config, role))}
    # Without --api-key, the first --auth credential stands in for schemes that have none.
    main = _option(config, "api-key") or next((key for _env, key in auth.values()), None)
    if main:
        given["main"] = main
    elif magic is None:
        raise pytest.UsageError(
            "a key is required unless --sandbox-magic: $CONTRACT_API_KEY (backbeat-contract "
            "--api-key-env NAME, pytest --api-key) or --auth"
        )
    sandbox_keys = magic.sandbox.keys if magic else {}
    # Live runs, like a user's, send their scenarios with the main key.
    skipped = set(given) | ({"scenario"} if live else set())
    named = {key: env for env, key in auth.values()}
    magic_keys = {role: key for role, key in sandbox_keys.items() if role not in skipped}
    return Keys(given, magic_keys, named)


__all__ = ["OPTIONS", "OWN_ROLES", "RunSettings", "add_options", "load"]
