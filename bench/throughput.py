"""Section 2: sandbox throughput against Prism 5.14.2 serving the same specs.

The sandbox (both APIs in one process) and one Prism per spec run side by side; the load
generator (wrk `-t1`, else the Python one) hits each (server, path) for `seconds` in all, cut
into `slices` slices that alternate between the servers, so a noisy neighbour hurts both alike.
The sandbox's credits are read through the API before and after every `/search` slice: they
must drop by exactly the 200s it served. Each server's peak resident memory is read at the end.

The download is compared on equal bytes: the spec gives its binary success no example, so
Prism would answer a few placeholder bytes where the sandbox sends the clip's MP3. The judged
Prism serves a copy of the spec whose download example has exactly as many bytes as the
sandbox's answer (`trackyard.sized_download_spec`). Reported beside it, unjudged: Prism on the
spec as it is, and the floor (`floor_server`), a server that only writes the sandbox's answer.
"""

from __future__ import annotations

import pstats
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from . import musicgpt, pyload, wrk
from .interleave import ratios
from .load import LoadResult, LoadTarget
from .processes import MIB, peak_rss, pinned
from .profiling import breakdown_table, hottest
from .report import Figure, Section, Target
from .servers import LOAD_CPUS, REPO_ROOT, SERVER_CPUS, floor, prism, sandbox
from .stats import Spread
from .trackyard import (
    BASE_PATH,
    DOWNLOAD_PATH,
    ME_PATH,
    SEARCH_PATH,
    SPEC_FILE,
    credits_remaining,
    download_answer,
    load_targets,
    sized_download_spec,
)

__all__ = ["LoadGenerator", "choose_generator", "run"]

TARGET = Target(5.0, at_most=False)
WARMUP_SECONDS = 1.0
EXACT_CHECK_SECONDS = 3.0
PROFILE_SECONDS = 3.0
# Reported beside the judged Prism on the download path only (see the module's doc).
PRISM_AS_IS = "prism (spec as is)"
FLOOR = "bytes-only floor"


class RunLoad(Protocol):
    def __call__(self, target: LoadTarget, *, seconds: float, connections: int) -> LoadResult: ...


@dataclass(frozen=True)
class LoadGenerator:
    name: str
    run: RunLoad


WRK = LoadGenerator("wrk -t1 (Debian package)", wrk.run)
PYTHON = LoadGenerator("Python asyncio generator (bench/pyload.py)", pyload.run)


def choose_generator(preference: str = "auto") -> LoadGenerator:
    """`wrk` when installed (or asked for), else the Python generator."""
    if preference == "python" or (preference == "auto" and not wrk.available()):
        return PYTHON
    return WRK


def run(*, seconds: float, slices: int, connections: int, generator: LoadGenerator) -> Section:
    section = Section("Sandbox throughput versus Prism", _method(seconds, slices, connections))
    slice_seconds = seconds / slices
    with pinned(LOAD_CPUS), ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        sandbox_server = stack.enter_context(sandbox(cpus=SERVER_CPUS))
        answer = download_answer(sandbox_server.url + BASE_PATH)
        sized_spec = sized_download_spec(REPO_ROOT / SPEC_FILE, len(answer.body), scratch)
        prism_trackyard = stack.enter_context(prism(sized_spec))
        prism_musicgpt = stack.enter_context(prism(REPO_ROOT / musicgpt.SPEC_FILE))
        prism_as_is = stack.enter_context(prism(REPO_ROOT / SPEC_FILE))
        floor_server = stack.enter_context(floor(answer.raw, scratch))
        targets = _targets(sandbox_server.url, prism_trackyard.url, prism_musicgpt.url)
        targets[PRISM_AS_IS] = {DOWNLOAD_PATH: load_targets(prism_as_is.url)[DOWNLOAD_PATH]}
        targets[FLOOR] = {DOWNLOAD_PATH: load_targets(floor_server.url)[DOWNLOAD_PATH]}
        results: dict[tuple[str, str], list[LoadResult]] = {
            (server, path): []
            for path in targets["sandbox"]
            for server in targets
            if path in targets[server]
        }
        warm_up = min(WARMUP_SECONDS, slice_seconds)
        for server, path in results:  # imports, JIT, first-use caches
            generator.run(targets[server][path], seconds=warm_up, connections=8)
        trackyard_url = sandbox_server.url + BASE_PATH
        for _ in range(slices):
            for server, path in results:
                # Only the sandbox keeps state; its paid path gets the credit check.
                checked = server == "sandbox" and path == SEARCH_PATH
                target = targets[server][path]
                measure = _credit_checked(section, trackyard_url) if checked else _unchecked
                results[server, path].append(measure(generator, target, slice_seconds, connections))
        exact_seconds = min(seconds, EXACT_CHECK_SECONDS)
        _exact_state_check(section, trackyard_url, connections, exact_seconds)
        memory = {
            "sandbox (both APIs)": peak_rss(sandbox_server.pid),
            "prism (Trackyard)": peak_rss(prism_trackyard.pid),
            "prism (MusicGPT)": peak_rss(prism_musicgpt.pid),
        }
        _equal_bytes_check(section, answer.body, prism_trackyard.url, prism_as_is.url)
    _add_figures(section, results)
    for name, size in memory.items():
        section.figures.append(Figure(f"{name} peak memory", Spread.of([size / MIB]), "MiB"))
    section.notes.append(f"load generator: {generator.name}")
    if section.missed:
        with pinned(LOAD_CPUS):
            section.findings += _sandbox_profile(
                [SEARCH_PATH, ME_PATH], connections, min(seconds, PROFILE_SECONDS)
            )
    return section


def _targets(
    sandbox_root: str, prism_trackyard: str, prism_musicgpt: str
) -> dict[str, dict[str, LoadTarget]]:
    """Every server's requests, by path: Trackyard's and MusicGPT's, the same bytes to both."""
    spec = REPO_ROOT / musicgpt.SPEC_FILE
    musicgpt_url = sandbox_root + musicgpt.BASE_PATH
    task_id = musicgpt.prepare(musicgpt_url)
    return {
        "sandbox": {
            **load_targets(sandbox_root + BASE_PATH),
            **musicgpt.load_targets(musicgpt_url, spec, task_id),
        },
        "prism": {
            **load_targets(prism_trackyard),
            **musicgpt.load_targets(prism_musicgpt, spec),
        },
    }


def _sandbox_profile(paths: list[str], connections: int, seconds: float) -> str:
    """The sandbox under cProfile, one fresh process per path, loaded by the Python generator
    (which awaits every answer, so the request count the profile is divided by is exact)."""
    profiles = {f"sandbox {path}": _profiled_sandbox(path, connections, seconds) for path in paths}
    idle, _ = _profiled_sandbox(paths[0], connections, 0.0)
    slowest = f"sandbox {paths[-1]}"
    return (
        f"\n### Where the time goes: the sandbox under cProfile ({seconds:g} s of "
        f"load per path, {connections} connections)\n\n"
        f"Self time per request, by the package the code lives in, less an idle run's "
        f"(start-up and shut-down); cProfile roughly doubles Python-level costs, and the "
        f"waiting row is the event loop idling in epoll:\n\n"
        f"{breakdown_table(profiles, baseline=idle)}\n\n"
        f"{slowest}, the functions with the most self time per request (less the idle "
        f"run's):\n\n```text\n{hottest(*profiles[slowest], baseline=idle, limit=25)}\n```\n"
    )


def _unchecked(
    generator: LoadGenerator, target: LoadTarget, seconds: float, connections: int
) -> LoadResult:
    return generator.run(target, seconds=seconds, connections=connections)


def _credit_checked(section: Section, api_url: str) -> Callable[..., LoadResult]:
    """A slice on a paid path, with the credit balance read before and after."""

    def run_slice(
        generator: LoadGenerator, target: LoadTarget, seconds: float, connections: int
    ) -> LoadResult:
        before = credits_remaining(api_url)
        result = generator.run(target, seconds=seconds, connections=connections)
        dropped = before - credits_remaining(api_url)
        # wrk abandons the requests in flight when its time is up; the server may still have
        # served (and charged) them, so up to one per connection can be missing from its count.
        slack = 0 if result.drained else connections
        in_flight = f" (+ up to {slack} unanswered in flight)" if slack else ""
        section.checks.append(
            (
                f"{target.method} {SEARCH_PATH} slice: credits dropped by {dropped:g}; "
                f"{result.ok} 200s counted by the generator{in_flight}",
                result.ok <= dropped <= result.ok + slack,
            )
        )
        return result

    return run_slice


def _equal_bytes_check(section: Section, sandbox_body: bytes, judged: str, as_is: str) -> None:
    """The judged Prism answers the download with as many bytes as the sandbox, read off the
    wire; what Prism sends for the spec as it is, noted."""
    judged_size = len(download_answer(judged).body)
    section.checks.append(
        (
            f"{DOWNLOAD_PATH}: the sandbox answers {len(sandbox_body):,} bytes of MP3, the "
            f"judged Prism {judged_size:,} bytes",
            judged_size == len(sandbox_body),
        )
    )
    placeholder = download_answer(as_is).body
    section.notes.append(
        f"{PRISM_AS_IS} {DOWNLOAD_PATH}: {len(placeholder):,} bytes ({placeholder[:16]!r}); "
        f"{FLOOR}: the sandbox's answer, byte for byte"
    )


def _exact_state_check(section: Section, api_url: str, connections: int, seconds: float) -> None:
    """Concurrent load from the Python generator, which awaits every answer: exact equality."""
    target = load_targets(api_url)[SEARCH_PATH]
    before = credits_remaining(api_url)
    result = pyload.run(target, seconds=seconds, connections=connections)
    dropped = before - credits_remaining(api_url)
    section.checks.append(
        (
            f"exact (Python generator): {connections} connections for {seconds:g} s, "
            f"{result.ok} 200s of {result.requests} answers; credits dropped by {dropped:g}",
            dropped == result.ok,
        )
    )


def _add_figures(section: Section, results: dict[tuple[str, str], list[LoadResult]]) -> None:
    paths = sorted({path for _, path in results})
    for path in paths:
        contenders = [server for server, at in results if at == path]
        for server in contenders:
            runs = results[server, path]
            section.figures += [
                Figure(f"{server} {path} throughput", _spread(runs, "rps"), "req/s"),
                Figure(f"{server} {path} p99 latency", _spread(runs, "p99").scaled(1000), "ms"),
            ]
            non_2xx = sum(run.requests - run.ok for run in runs)
            errors = sum(run.socket_errors for run in runs)
            section.notes.append(
                f"{server} {path}: {sum(run.requests for run in runs)} answers, "
                f"{non_2xx} non-2xx, {errors} socket errors"
            )
        sandbox_rates = [run.per_second for run in results["sandbox", path]]
        for server in contenders[1:]:
            ratio = Spread.of(
                ratios(sandbox_rates, [run.per_second for run in results[server, path]])
            )
            judged = TARGET if server == "prism" else None
            section.figures.append(Figure(f"sandbox/{server} {path} req/s", ratio, "x", judged))


def _spread(runs: list[LoadResult], what: str) -> Spread:
    values = [run.per_second if what == "rps" else run.p99 for run in runs]
    return Spread.of(values)


def _profiled_sandbox(path: str, connections: int, seconds: float) -> tuple[pstats.Stats, int]:
    """A fresh sandbox under cProfile, `seconds` of load on `path`; the profile and the exact
    number of requests served (the Python generator awaits every answer)."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "sandbox.prof"
        with sandbox(["-m", "cProfile", "-o", str(output)], cpus=SERVER_CPUS) as server:
            target = load_targets(server.url + BASE_PATH)[path]
            served = pyload.run(target, seconds=seconds, connections=connections).requests
        return pstats.Stats(str(output)), max(1, served)


def _method(seconds: float, slices: int, connections: int) -> str:
    return (
        f"The sandbox serves `{SPEC_FILE}` and `{musicgpt.SPEC_FILE}` in one process, as "
        f"`python -m backbeat_sandbox --log-level warning --no-access-log` (one uvicorn "
        f"worker); one Prism per spec, as `prism mock SPEC -h 127.0.0.1 -p 0`. Keys "
        f"`ty_test_load` and `{musicgpt.KEY}` (no limit bites). `/download-track` posts the "
        f"spec's 30-second clip example: the sandbox answers real MP3 frames (128 kbit/s), and "
        f"the judged Prism serves a copy of the spec whose download example has exactly as "
        f"many bytes (the spec gives that binary body no example, so Prism on the spec as it "
        f"is answers a few placeholder bytes: reported as `{PRISM_AS_IS}`, unjudged). "
        f"`{FLOOR}` is a server that does nothing but write the sandbox's download answer, "
        f"byte for byte: no server can send those bytes faster here. `/v1/Cover` posts the "
        f"spec's multipart example (each call starts a "
        f"task); `/v1/byId` polls one finished task. "
        f"{connections} connections, {seconds:g} s per (server, path) in all, run as {slices} "
        f"slices of {seconds / slices:g} s that alternate sandbox and Prism; figures are "
        f"min/median/max over the slices, the ratio is taken slice by slice. `/search` posts "
        f"the documented example query. The machine has 2 cores and the load generator runs "
        f"on it too, so it competes with the server: the servers are pinned to one core and "
        f"the load generator (one thread) to the other, for both servers alike. The absolute "
        f"figures are those of one core each side, not of a dedicated host."
    )
