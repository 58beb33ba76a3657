"""Serve a corpus target, run the suite and `schemathesis run` against it, and read both results
as (operation, check) failures that can be compared."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backbeat_contract.spec import Spec

from tests.contract.suite_runs import REPO, serve
from tests.corpus.supervised import supervised
from tests.corpus.targets import KEY, Server, Target

SEED = "20260222"
# The suite names some failures by its own rules (conformance.py) rather than schemathesis'
# titles: either name counts as reporting the failure.
OWN_RULES = {
    "Undocumented status code": ("status",),
    "Response violates schema": ("body-schema",),
    "Undocumented Content-Type": ("content-type",),
    "Missing Content-Type header": ("content-type",),
    # The suite's valid request answered with an error is its `status` rule on the success cell.
    "Schema-valid request rejected": ("status",),
}
# A check's title starts its line ("- ST108 Response violates schema"); an indented "- ..." is
# a detail under it (one mutation of a schema-violating request), not a check.
FAILURE_LINE = re.compile(r"^- (?:ST\d+ )?(?P<title>\S.*)$")
# schemathesis' checks that probe a path rather than an operation (coverage phase: each
# undeclared method is sent once per path).
PATH_LEVEL = ("Wrong response to undeclared method", "Allow header mismatch")
# "Response violates schema (2 violations)": the count is not part of the check's name.
COUNT = re.compile(r" \(\d+ violations?\)$")


@dataclass(frozen=True)
class Outcome:
    returncode: int
    wall_seconds: float
    report: dict[str, Any] | None
    output: str
    paths: dict[str, str] = field(default_factory=dict)
    """operationId -> path, of the spec the run was given."""

    @property
    def violations(self) -> list[dict[str, Any]]:
        return list(self.report["violations"]) if self.report else []

    def failures(self) -> set[tuple[str, str]]:
        """(operationId, rule) of every violation; schemathesis checks by their title."""
        return {
            (v["operation"], COUNT.sub("", v["rule"].removeprefix("schemathesis:")))
            for v in self.violations
        }


@contextmanager
def served(
    target: Target, directory: Path, *, restarted: bool = False
) -> Iterator[tuple[str, Path]]:
    """The target running on a free 127.0.0.1 port: (root URL, the spec file to check it
    against). A server's own spec is fetched from it, over loopback, into `directory`.
    `restarted`: behind a supervisor that starts it again whenever it dies (`supervised`)."""
    with _root(target, restarted) as root:
        if isinstance(target, Server):
            directory.mkdir(parents=True, exist_ok=True)
            spec = directory / "served-openapi.json"
            with urllib.request.urlopen(root + target.spec_path, timeout=10) as answer:
                spec.write_bytes(answer.read())
            yield root + target.base_path, spec
        else:
            yield root, target.spec  # type: ignore[attr-defined]


@contextmanager
def _root(target: Target, restarted: bool) -> Iterator[str]:
    if not restarted:
        with serve(target.command(), target.ready_path) as root:
            yield root
        return
    with supervised(target.command(), target.ready_path) as supervisor:
        yield supervisor.root


def run_contract_suite(
    target: Target, root: str, spec: Path, reports: Path, *, installed: Path
) -> Outcome:
    """The suite as a user runs it (`backbeat-contract`, its packages from `installed`: see
    `as_installed`), with the target's seed and budget."""
    command = [str(Path(sys.executable).with_name("backbeat-contract"))]
    command += ["--spec", str(spec), "--base-url", root]
    command += ["--seed", SEED, "--max-examples", str(target.max_examples)]
    command += ["--phases", target.phases, "--report-dir", str(reports)]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    clean["PYTHONPATH"] = str(installed)
    started = time.monotonic()
    done = subprocess.run(
        command,
        cwd=REPO,
        env={**clean, "CONTRACT_API_KEY": KEY},
        capture_output=True,
        text=True,
        timeout=target.seconds,
        check=False,
    )
    wall = time.monotonic() - started
    path = reports / "contract-coverage.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    return Outcome(done.returncode, wall, report, done.stdout[-20000:] + done.stderr[-5000:])


def run_suite_on(
    target: Target, directory: Path, installed: Path, *, restarted: bool = False
) -> Outcome:
    """The suite against `target`, served for this run only (`served`)."""
    with served(target, directory / "served", restarted=restarted) as (root, spec):
        return run_contract_suite(target, root, spec, directory / "reports", installed=installed)


def as_installed(directory: Path) -> Path:
    """A `site-packages` directory holding the suite's packages, as an installed wheel puts
    them. Hypothesis also draws constants from the source of every *local* module in the process
    (outside the standard library and site-packages): from this checkout's editable install the
    suite's own modules are local and steer what it draws, where `schemathesis run` has none.
    Run from here, as a user's install runs, the suite draws exactly what `schemathesis run`
    draws with the same seed (its engine, its configuration: fuzzing.py)."""
    site = directory / "site-packages"
    site.mkdir(parents=True, exist_ok=True)
    import backbeat_contract
    import backbeat_specs

    for package in (backbeat_contract, backbeat_specs):
        source = Path(package.__file__ or "").parent
        link = site / source.name
        if not link.exists():
            link.symlink_to(source, target_is_directory=True)
    return site


def credentials(spec: Spec, directory: Path) -> list[str]:
    """The arguments that give `schemathesis run` the credentials the suite sends (fuzzing.py):
    one header credential every operation takes as `-H`; otherwise a config file with
    `[auth.openapi.<scheme>]` for each scheme, so each operation gets its own `security`.
    Both tools then send the same requests for the same seed."""
    uniform = spec.uniform_scheme
    if uniform is not None and uniform.location == "header":
        return ["-H", f"{uniform.parameter}: {uniform.value(KEY)}"]
    lines = []
    for name, scheme in spec.schemes.items():
        if scheme is None:
            continue
        lines.append(f"[auth.openapi.{json.dumps(name)}]")
        if scheme.basic:
            lines.append(f'username = "{KEY}"\npassword = ""')
        elif scheme.location == "header" and scheme.parameter == "Authorization" and scheme.prefix:
            lines.append(f'bearer = "{KEY}"')
        else:
            lines.append(f'api_key = "{KEY}"')
    config = directory / "schemathesis.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["--config-file", str(config)]


def run_schemathesis(target: Target, root: str, spec: Path, junit: Path) -> Outcome:
    """`schemathesis run -c all` with the suite's seed, budget and credentials; its failures
    by operation."""
    loaded = Spec.load(spec)
    auth = credentials(loaded, junit.parent)
    config, headers = (auth, []) if auth[0] == "--config-file" else ([], auth)
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        *config,
        "run",
        str(spec),
        "--url",
        root,
        *headers,
        "-c",
        "all",
        "--seed",
        SEED,
        "--max-examples",
        str(target.max_examples),
        "--phases",
        target.phases,
        "--report",
        "junit",
        "--report-junit-path",
        str(junit),
    ]
    started = time.monotonic()
    done = subprocess.run(
        command,
        cwd=junit.parent,
        capture_output=True,
        text=True,
        timeout=target.seconds,
        check=False,
    )
    wall = time.monotonic() - started
    operations = {op.label: op.operation_id for op in loaded.operations}
    found: list[dict[str, Any]] = []
    if junit.exists():
        for case in ET.parse(junit).getroot().iter("testcase"):
            operation = operations.get(str(case.get("name")))
            for failure in case.iter("failure"):
                for line in (failure.text or "").splitlines():
                    if operation and (match := FAILURE_LINE.match(line.rstrip())):
                        rule = f"schemathesis:{match['title']}"
                        found.append({"operation": operation, "rule": rule})
    report = {"violations": [dict(v) for v in {json.dumps(v): v for v in found}.values()]}
    paths = {op.operation_id: op.path for op in loaded.operations}
    output = done.stdout[-5000:] + done.stderr[-2000:]
    return Outcome(done.returncode, wall, report, output, paths)


def missed(suite: Outcome, schemathesis: Outcome) -> set[tuple[str, str]]:
    """The failures schemathesis reported that the suite's report does not name. A path-level
    check (an undeclared method, the Allow header) sends each (path, method) once, under
    whichever operation of the path runs first: there the path is what must match."""
    named = suite.failures()
    paths = schemathesis.paths
    by_path = {(paths.get(operation), title) for operation, title in named}
    return {
        (operation, title)
        for operation, title in schemathesis.failures()
        if (operation, title) not in named
        and not any((operation, rule) in named for rule in OWN_RULES.get(title, ()))
        and not (title in PATH_LEVEL and (paths.get(operation), title) in by_path)
    }


def false_failures(target: Target, suite: Outcome) -> list[str]:
    """Violations that are not one of the target's written-down findings."""
    return [
        f"{v['operation']} {v['status']} [{v['rule']}] {v['reason'][:160]}"
        for v in suite.violations
        if not any(f.covers(v) for f in (*target.findings, *target.past_death))
    ]


def unreported(target: Target, suite: Outcome) -> list[str]:
    """Written-down findings the run did not report; those past the server's death only where
    it did not die (no run error)."""
    died = suite.report is not None and suite.report.get("run_error") is not None
    expected = target.findings if died else (*target.findings, *target.past_death)
    return [
        f"{f.operation} [{f.rule}]: {f.why}"
        for f in expected
        if not any(f.covers(v) for v in suite.violations)
    ]


__all__ = [
    "REPO",
    "Outcome",
    "as_installed",
    "run_contract_suite",
    "run_schemathesis",
    "run_suite_on",
    "served",
]
