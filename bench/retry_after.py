"""Section 4: Retry-After precision. How much longer than `Retry-After` the overlay waits.

A tiny local server answers a key's first request with 429 + `Retry-After: 1` and the next
with 200 (bodies: the spec's examples). A transport under the overlay's retry engine stamps
when each attempt leaves and when its answer arrives; the extra sleep is the gap between the
429 arriving and the retry leaving, less the second the server asked for. Real sleeps.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import httpx

from . import spec_examples
from .processes import announced, running
from .report import Figure, Section, Target
from .servers import REPO_ROOT
from .stats import Spread, percentile
from .trackyard import BASE_PATH, KEY, ME_PATH, PROBE_METHOD, SPEC_FILE, BenchError, probe

__all__ = ["StampingTransport", "run"]

RETRY_AFTER_SECONDS = 1
P95_TARGET = Target(50.0, at_most=True)


class StampingTransport(httpx.BaseTransport):
    """Records (sent, answered) `perf_counter` stamps of every attempt it carries."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.stamps: list[tuple[float, float, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = time.perf_counter()
        response = self.inner.handle_request(request)
        self.stamps.append((sent, time.perf_counter(), response.status_code))
        return response

    def close(self) -> None:
        self.inner.close()


def run(*, runs: int) -> Section:
    section = Section("Retry-After precision", _method(runs))
    extras = [gap * 1000 for gap in _extra_sleeps(runs)]
    p95 = percentile(extras, 0.95)
    section.figures += [
        Figure("extra sleep beyond Retry-After", Spread.of(extras), "ms"),
        Figure("extra sleep, p95", Spread(p95, p95, p95, len(extras)), "ms", P95_TARGET),
    ]
    return section


def _extra_sleeps(runs: int) -> list[float]:
    spec = spec_examples.load(REPO_ROOT / SPEC_FILE)
    with tempfile.TemporaryDirectory() as scratch:
        ok_body, refusal_body = Path(scratch) / "ok.json", Path(scratch) / "refusal.json"
        ok_body.write_text(
            json.dumps(spec_examples.response_example(spec, ME_PATH, PROBE_METHOD, 200))
        )
        refusal_body.write_text(
            json.dumps(spec_examples.response_example(spec, ME_PATH, PROBE_METHOD, 429))
        )
        argv = [
            sys.executable,
            "-m",
            "bench.retry_after_server",
            f"--ok-body={ok_body}",
            f"--refusal-body={refusal_body}",
            f"--retry-after={RETRY_AFTER_SECONDS}",
        ]
        ready = announced(r"listening on (http://127\.0\.0\.1:\d+)")
        with running(argv, name="retry-after server", ready=ready, cwd=REPO_ROOT) as server:
            return [
                _one_extra_sleep(server.url + BASE_PATH, f"{KEY}_retry{run}") for run in range(runs)
            ]


def _one_extra_sleep(api_url: str, key: str) -> float:
    transport = StampingTransport(httpx.HTTPTransport())
    probe(api_url, key, transport)
    statuses = [status for _, _, status in transport.stamps]
    if statuses != [429, 200]:
        raise BenchError(f"expected a 429 then a 200, the attempts got {statuses}")
    (_, refused_at, _), (retried_at, _, _) = transport.stamps
    return retried_at - refused_at - RETRY_AFTER_SECONDS


def _method(runs: int) -> str:
    return (
        f"`backbeat.Trackyard.me()` against a tiny local server (`bench/retry_after_server.py`, "
        f"a fresh key per run) that answers 429 with `Retry-After: {RETRY_AFTER_SECONDS}` and "
        f"then 200; {runs} runs, real sleeps. A transport under the overlay's retry engine "
        f"stamps each attempt: extra sleep = (retry sent) - (429 received) - "
        f"{RETRY_AFTER_SECONDS} s, so it counts the overlay's own work between the two as well "
        f"as the sleep's overshoot, and no network time."
    )
