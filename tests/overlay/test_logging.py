"""`BACKBEAT_LOG=info|debug`: a stderr handler on the `backbeat` logger, set from the
environment at import (so each case runs in a fresh interpreter); the key never shows."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from .facades import FACADES, ROOT, Facade

# Runs in the child: one call whose first attempt gets a 503, with the API key planted in a
# request header and the request body, a response header, the 503's body, and an unknown
# enum value of the success body (which the INFO line names).
SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from tests.overlay.facades import FACADES, ScriptedAPI, spec_bodies, sample_arguments
    from tests.overlay.facades import api_methods, with_value_at

    facade = FACADES[{index}]
    key = facade.api_key
    bodies = spec_bodies(facade.spec)
    api = ScriptedAPI(bodies, failures=1, failure_status=503, headers={{"x-echo": key}})
    for operation in bodies.operations:
        places = bodies.enum_places(operation)
        if places:
            api.bodies[operation] = with_value_at(bodies.operations[operation].body, places[0], key)
    client = facade.build(api)
    method = {method!r}
    args, kwargs = sample_arguments(getattr(facade.cls, method))
    args = [key] if method.startswith("search") else args  # the key as the search text
    facade.run(getattr(client, method)(*args, extra_headers={{"X-Api-Key": key}}, **kwargs))
    print("requests:", len(api.requests))
    """
)
CASES = {"Trackyard": "search", "AsyncTrackyard": "me", "MusicGPT": "search_voices"}
CASES["AsyncMusicGPT"] = "list_voices"


def run_logged(facade: Facade, level: str | None) -> subprocess.CompletedProcess[str]:
    index = FACADES.index(facade)
    script = SCRIPT.format(root=str(ROOT), index=index, method=CASES[facade.id])
    environment = {k: v for k, v in os.environ.items() if k != "BACKBEAT_LOG"}
    if level is not None:
        environment["BACKBEAT_LOG"] = level
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )


@pytest.mark.parametrize("facade", FACADES, ids=lambda f: f.id)
def test_debug_logs_each_attempt_and_never_the_key(facade: Facade) -> None:
    run = run_logged(facade, "debug")
    assert "requests: 2" in run.stdout
    lines = [line for line in run.stderr.splitlines() if line.startswith("[backbeat ")]
    attempts = [line for line in lines if " attempt " in line and "DEBUG" in line]
    assert len(attempts) == 2, run.stderr
    first, second = attempts
    assert " attempt 1: " in first
    assert "-> 503 in " in first
    assert "retrying in 0.00 s" in first
    assert "(status 503)" in first
    assert " attempt 2: " in second
    assert "-> 2" in second
    assert second.endswith("done")
    method = "POST" if facade.id == "Trackyard" else "GET"
    assert f": {method} /" in first
    assert " ms;" in first
    assert any("INFO" in line and "retrying" in line for line in lines)
    assert facade.api_key not in run.stderr
    assert facade.api_key not in run.stdout


def test_info_logs_retries_and_unknown_values_but_not_attempts() -> None:
    facade = FACADES[1]  # AsyncTrackyard.me: its tier carries the key as an unknown value
    run = run_logged(facade, "info")
    lines = [line for line in run.stderr.splitlines() if line.startswith("[backbeat ")]
    assert any("retrying getMe" in line for line in lines), run.stderr
    assert any("tier is '[redacted]', a value the spec does not list" in line for line in lines)
    assert not any("DEBUG" in line for line in lines)
    assert facade.api_key not in run.stderr


def test_no_variable_no_output_and_a_bad_value_is_named() -> None:
    facade = FACADES[0]
    assert run_logged(facade, None).stderr == ""
    bad = run_logged(facade, "verbose")
    assert "BACKBEAT_LOG='verbose' is not one of debug, info; ignored" in bad.stderr
    assert facade.api_key not in bad.stderr
