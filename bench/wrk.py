"""wrk (Debian's package) as the load generator: one thread, N connections, a Lua script.

The Lua script is generated from the `LoadTarget`, so a POST body and its headers come from
the same place for wrk and for the Python generator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .load import LoadResult, LoadTarget
from .processes import ServerError

__all__ = ["available", "lua_script", "parse_output", "run"]

TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_TIME = r"([\d.]+)(us|ms|s|m|h)"
SOCKET_ERRORS = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"


def available() -> bool:
    return shutil.which("wrk") is not None


def run(target: LoadTarget, *, seconds: float, connections: int, threads: int = 1) -> LoadResult:
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "target.lua"
        script.write_text(lua_script(target))
        argv = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "-s",
            str(script),
            target.url,
        ]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise ServerError(f"wrk exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    return parse_output(done.stdout)


def lua_script(target: LoadTarget) -> str:
    lines = [f"wrk.method = {_lua_string(target.method.encode())}"]
    if target.body:
        lines.append(f"wrk.body = {_lua_string(target.body)}")
    lines += [
        f"wrk.headers[{_lua_string(name.encode())}] = {_lua_string(value.encode())}"
        for name, value in target.headers.items()
    ]
    return "\n".join(lines) + "\n"


def parse_output(text: str) -> LoadResult:
    """The figures of `wrk --latency` output; `ServerError` when a line is missing."""
    totals = _search(r"(\d+) requests in " + _TIME, text)
    p99 = _search(r"^\s*99(?:\.0+)?%\s+" + _TIME, text)
    errors = re.search(SOCKET_ERRORS, text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    requests = int(totals.group(1))
    return LoadResult(
        requests=requests,
        ok=requests - (int(non_2xx.group(1)) if non_2xx else 0),
        seconds=_seconds(totals.group(2), totals.group(3)),
        p99=_seconds(p99.group(1), p99.group(2)),
        socket_errors=sum(int(count) for count in errors.groups()) if errors else 0,
        drained=False,
    )


def _search(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise ServerError(f"unexpected wrk output (no match for {pattern!r}): {text[-500:]}")
    return match


def _seconds(number: str, unit: str) -> float:
    return float(number) * TIME_UNITS[unit]


def _lua_string(raw: bytes) -> str:
    """A Lua string literal for any bytes: three-digit decimal escapes are never ambiguous."""
    return '"' + "".join(_lua_char(byte) for byte in raw) + '"'


def _lua_char(byte: int) -> str:
    return chr(byte) if byte < 128 and chr(byte).isalnum() else f"\\{byte:03d}"
