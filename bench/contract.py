"""Section 3: contract run wall time. `make contract` (default profile, its own embedded
sandbox) beside the plain schemathesis CLI against a freshly started sandbox."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .report import Figure, Section, Target
from .servers import REPO_ROOT, sandbox
from .stats import Spread
from .trackyard import BASE_PATH, KEY, SPEC_FILE

__all__ = ["run"]

TARGET = Target(45.0, at_most=True)
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
DURATIONS = 15
RUN_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Timed:
    seconds: float
    exit_code: int
    output: str


MAKE_CONTRACT = (
    "make",
    "--no-print-directory",
    "contract",
    f"CONTRACT_ARGS=--durations={DURATIONS}",
)


def run(
    *,
    runs: int,
    suite_command: Sequence[str] = MAKE_CONTRACT,
    cli_extra_args: Sequence[str] = (),
) -> Section:
    """`suite_command` and `cli_extra_args` exist for the smoke test, which cannot afford
    the real runs."""
    section = Section("Contract run", _method(runs))
    suite, cli = [], []
    for _ in range(runs):
        suite.append(_timed(suite_command, REPO_ROOT))
        with sandbox() as server, tempfile.TemporaryDirectory() as scratch:
            argv = [*_schemathesis_argv(server.url + BASE_PATH), *cli_extra_args]
            cli.append(_timed(argv, Path(scratch), env=CLI_ENV))
    section.figures += [
        Figure("make contract (default profile)", _spread(suite), "s", TARGET),
        Figure("schemathesis CLI only", _spread(cli), "s"),
    ]
    section.notes += [
        f"make contract exit codes: {[timed.exit_code for timed in suite]}",
        f"schemathesis CLI exit codes: {[timed.exit_code for timed in cli]} "
        f"(1 = it reported failures; the time still counts); its last verdict: "
        f"{_verdict(cli[-1].output)}",
    ]
    if section.missed:
        section.findings = _slowest_tests(suite[-1].output)
    return section


# The documented CLI run: the hooks module keeps positive cases within the spec's
# `x-less-than` / `x-requires-one-of` rules, which JSON Schema cannot state (README, "Sandbox").
# It runs from a scratch directory (schemathesis writes .hypothesis/ there), so the folder that
# holds backbeat_contract goes on the import path.
CLI_ENV = {
    **os.environ,
    "SCHEMATHESIS_HOOKS": "backbeat_contract.hooks",
    "PYTHONPATH": str(REPO_ROOT / "contract_tests"),
}


def _schemathesis_argv(api_url: str) -> list[str]:
    spec = str(REPO_ROOT / SPEC_FILE)
    header = f"Authorization: Bearer {KEY}"
    return [str(SCHEMATHESIS), "run", spec, "--url", api_url, "-H", header, "--seed", "1"]


def _timed(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Timed:
    started = time.perf_counter()
    done = subprocess.run(
        list(argv),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    return Timed(time.perf_counter() - started, done.returncode, done.stdout + done.stderr)


def _spread(runs: Sequence[Timed]) -> Spread:
    return Spread.of([timed.seconds for timed in runs])


def _verdict(output: str) -> str:
    """Schemathesis' closing line (`=== No issues found in 1.09s ===`), without the rules."""
    closing = re.findall(r"^=+ (.+?) =+$", output, re.MULTILINE)
    return f"“{closing[-1]}”" if closing else "(none printed)"


def _slowest_tests(output: str) -> str:
    match = re.search(r"=+ slowest .*?=+\n(.*?)(?:\n\n|\n=)", output, re.DOTALL)
    listing = match.group(1).strip() if match else "(pytest printed no durations)"
    return (
        f"\n### Where the time goes: the {DURATIONS} slowest phases of the last "
        f"`make contract` (pytest --durations)\n\n```text\n{listing}\n```\n"
    )


def _method(runs: int) -> str:
    return (
        f"Wall time of `make contract` (default profile; it starts and stops its own sandbox, "
        f"which is included), and of `SCHEMATHESIS_HOOKS=backbeat_contract.hooks schemathesis run "
        f"{SPEC_FILE} --url URL -H "
        f'"Authorization: Bearer {KEY}" --seed 1` against a sandbox started just before (its '
        f"start is not included). {runs} run(s) of each, alternating."
    )
