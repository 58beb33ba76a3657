"""`python -m bench` (`make bench`): run the benchmarks, print a table, write the results.

Every parameter has a flag; the defaults are the issue's. A section that fails is recorded
as such in the results and the run carries on; the exit status is 1 when any section failed
or any correctness check did not hold. Missed targets do not change the exit status:
benchmarks report, they do not assert.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import accounts, contract, overhead, retry_after, throughput
from .report import Section, console_table, markdown
from .servers import PRISM, REPO_ROOT

ANALYSIS = Path(__file__).with_name("analysis.md")
SECTIONS = ("overhead", "throughput", "accounts", "contract", "retry-after")
# Sections whose hand-written analysis (bench/analysis.md) always goes with the figures: the
# profile of where the time goes, not only when a target is missed.
ALWAYS_EXPLAINED = ("Sandbox throughput versus Prism",)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--calls", type=int, default=2000, help="sync search calls per client (default 2000)")
    add("--per-round", type=int, default=50, help="sync calls per client per round")
    add("--async-calls", type=int, default=1024, help="async search calls per client")
    add("--tasks", type=int, default=64, help="concurrent async tasks (default 64)")
    add("--per-task", type=int, default=1, help="calls per async task per round")
    add("--seconds", type=float, default=30.0, help="load seconds per (server, path); 30")
    add("--slices", type=int, default=3, help="slices the load seconds are cut into")
    add("--connections", type=int, default=64, help="load connections (default 64)")
    add("--loadgen", choices=["auto", "wrk", "python"], default="auto")
    add("--accounts", type=int, default=10_000, help="accounts the memory section creates")
    add("--contract-runs", type=int, default=2, help="runs of each contract command")
    add("--retry-runs", type=int, default=20, help="Retry-After runs (default 20)")
    add("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {SECTIONS}")
    add("--output", type=Path, default=Path(__file__).with_name("results.md"))
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    return args


def section_runners(args: argparse.Namespace) -> dict[str, Callable[[], Section]]:
    generator = throughput.choose_generator(args.loadgen)
    return {
        "overhead": lambda: overhead.run(
            calls=args.calls,
            per_round=args.per_round,
            async_calls=args.async_calls,
            tasks=args.tasks,
            per_task=args.per_task,
        ),
        "throughput": lambda: throughput.run(
            seconds=args.seconds,
            slices=args.slices,
            connections=args.connections,
            generator=generator,
        ),
        "accounts": lambda: accounts.run(accounts=args.accounts),
        "contract": lambda: contract.run(runs=args.contract_runs),
        "retry-after": lambda: retry_after.run(runs=args.retry_runs),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    runners = section_runners(args)
    sections = [_guarded(name, runners[name]) for name in args.only.split(",")]
    elapsed = time.perf_counter() - started
    for section in sections:
        if section.missed or section.title in ALWAYS_EXPLAINED:
            section.findings += _analysis(section.title)
    args.output.write_text(markdown(sections, _preamble(args, elapsed)))
    print(console_table(sections))
    failures = [text for section in sections for text in section.failed_checks]
    for text in failures:
        print(f"FAILED: {text}", file=sys.stderr)
    print(f"\n{len(sections)} sections in {elapsed:.0f} s; results in {args.output}")
    return 1 if failures else 0


def _guarded(name: str, runner: Callable[[], Section]) -> Section:
    """Run one section; a crash becomes a failed check in the results instead of a lost run."""
    print(f"bench: {name} ...", flush=True)
    try:
        return runner()
    except Exception as error:
        traceback.print_exc()
        section = Section(name, "The section did not complete.")
        section.checks.append((f"{name} raised {type(error).__name__}: {error}", False))
        return section


def _analysis(title: str) -> str:
    """The hand-written analysis of a section (`bench/analysis.md`, `## <title>`), if any."""
    if not ANALYSIS.is_file():
        return ""
    chapters = ANALYSIS.read_text().split("\n## ")
    for chapter in chapters[1:]:
        heading, _, body = chapter.partition("\n")
        if heading.strip() == title:
            return f"\n### Analysis (hand-written, `bench/analysis.md`)\n\n{body.strip()}\n"
    return ""


def _preamble(args: argparse.Namespace, elapsed: float) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    dirty = " (with uncommitted changes)" if _command(["git", "status", "--porcelain"]) else ""
    wrk_version = (_command(["wrk", "-v"]) or "not installed").splitlines()[0]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `make bench` (`python -m bench`) on {now}, in {elapsed:.0f} s. "
            "Do not edit: rerun.",
            "",
            f"- commit: {_command(['git', 'rev-parse', '--short', 'HEAD'])}{dirty}",
            f"- machine: {os.cpu_count()} cores, {platform.platform()}, Python "
            f"{platform.python_version()}",
            f"- wrk: {wrk_version}",
            f"- Prism: {_command([str(PRISM), '--version'])}",
            f"- parameters: {_parameters(args)}",
            "",
            "Each figure is min / median / max over repeated runs (column `runs`); targets judge "
            "the median. Ratios come from runs interleaved side by side, since the machine is "
            "shared and noisy: they are the headline figures.",
        ]
    )


def _parameters(args: argparse.Namespace) -> str:
    shown = {name: value for name, value in vars(args).items() if name not in ("only", "output")}
    return ", ".join(f"`{name.replace('_', '-')}={value}`" for name, value in shown.items())


def _command(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO_ROOT, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout or done.stderr).strip()


if __name__ == "__main__":
    sys.exit(main())
