"""The bench's pure pieces: summaries, wrk's output, the Lua script, the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import backbeat_specs
import pytest

from bench import trackyard, wrk
from bench.load import LoadTarget
from bench.processes import ServerError
from bench.report import Figure, Section, Target, console_table, markdown
from bench.servers import REPO_ROOT
from bench.stats import Spread, percentile

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41234/api/external/v1/search
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   325.36ms   40.12ms   1.20s    88.77%
    Req/Sec   190.00     12.00   210.00     76.00%
  Latency Distribution
     50%  325.36ms
     75%  359.71ms
     90%  497.43ms
     99%    1.46s
  1918 requests in 10.03s, 3.83MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 5
Requests/sec:    191.23
Transfer/sec:    391.00KB
"""


def test_spread_is_min_median_max_and_the_run_count() -> None:
    assert Spread.of([3.0, 1.0, 2.0, 10.0]) == Spread(1.0, 2.5, 10.0, 4)
    assert Spread.of([2.0]).scaled(1000) == Spread(2000.0, 2000.0, 2000.0, 1)


def test_spread_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Spread.of([])


def test_percentile_is_an_observed_value_by_nearest_rank() -> None:
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 1.0) == 20.0
    assert percentile([5.0], 0.5) == 5.0
    with pytest.raises(ValueError, match="fraction"):
        percentile(values, 0.0)


def test_wrk_output_is_parsed_with_units() -> None:
    result = wrk.parse_output(WRK_OUTPUT)
    assert result.requests == 1918
    assert result.ok == 1913
    assert result.seconds == pytest.approx(10.03)
    assert result.p99 == pytest.approx(1.46)
    assert result.socket_errors == 3
    assert not result.drained
    assert result.per_second == pytest.approx(1918 / 10.03)


def test_wrk_output_without_figures_is_a_clear_error() -> None:
    with pytest.raises(ServerError, match="unexpected wrk output"):
        wrk.parse_output("unable to connect to 127.0.0.1:1 Connection refused")


def test_lua_script_escapes_every_byte_unambiguously() -> None:
    body = b'{"query": "a \\"b\\" 123", "x": "\xc3\xa9"}'
    target = LoadTarget("http://127.0.0.1:1/p", "POST", body, {"Content-Type": "application/json"})
    script = wrk.lua_script(target)
    assert 'wrk.method = "POST"' in script
    literal = re.search(r'wrk\.body = "(.*)"', script)
    assert literal is not None
    decoded = re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1))), literal.group(1))
    assert decoded.encode("latin-1") == body


def test_load_target_splits_its_url() -> None:
    target = LoadTarget("http://127.0.0.1:8765/api/external/v1/usage?limit=5")
    assert (target.host, target.port, target.path) == (
        "127.0.0.1",
        8765,
        "/api/external/v1/usage?limit=5",
    )


def test_report_marks_missed_targets_and_failed_checks() -> None:
    section = Section("Demo", "How it was measured.")
    section.figures += [
        Figure("ratio", Spread(1.2, 1.3, 1.5, 3), "x", Target(1.1, at_most=True)),
        Figure("speed", Spread(900.0, 1000.0, 1100.0, 3), "req/s"),
    ]
    section.checks += [("balance adds up", True), ("balance off by one", False)]
    assert [figure.name for figure in section.missed] == ["ratio"]
    assert section.failed_checks == ["balance off by one"]
    text = markdown([section], "# Title")
    assert "| ratio | 1.300 | 1.200 | 1.500 | 3 | x | <= 1.1 | MISSED |" in text
    assert "| speed | 1000 | 900 | 1100 | 3 | req/s |  |  |" in text
    assert "- FAIL: balance off by one" in text
    assert "MISSED" in console_table([section])


def test_targets_judge_both_directions() -> None:
    assert Target(0.9, at_most=False).met(0.95)
    assert not Target(0.9, at_most=False).met(0.85)
    assert Target(50.0, at_most=True).met(50.0)
    assert str(Target(3.0, at_most=False)) == ">= 3"


def test_the_sized_download_spec_changes_only_the_download_example(tmp_path: Path) -> None:
    original = REPO_ROOT / trackyard.SPEC_FILE
    copy = trackyard.sized_download_spec(original, 1234, tmp_path)
    document, sized = backbeat_specs.read_document(original), json.loads(copy.read_text())
    success = sized["paths"][trackyard.DOWNLOAD_PATH]["post"]["responses"]["200"]
    example = success["content"]["audio/mpeg"].pop("example")
    assert len(example.encode()) == 1234
    assert sized == document
