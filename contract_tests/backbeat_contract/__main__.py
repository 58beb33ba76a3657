"""backbeat-contract: run the contract suite against a server, or against an embedded sandbox.

With --base-url (or $CONTRACT_BASE_URL) the suite checks that server. Without one it starts a
sandbox through the `backbeat-sandbox` command (a process: the suite never imports the
sandbox) on a free 127.0.0.1 port, uses its magic keys, and stops it by PID afterwards (also on
failure or Ctrl-C). `make contract` and `python -m backbeat_contract` run the same command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import FrameType

import pytest

from backbeat_contract import coverage
from backbeat_contract.profiles import PROFILES
from backbeat_contract.settings import OPTIONS, PROFILE_NAMES

PROG = "backbeat-contract"
SUITE_DIR = Path(__file__).resolve().parent
STARTUP_SECONDS = 30.0
SANDBOX_COMMAND = "backbeat-sandbox"
KEY_ENV_SUFFIX = "-env"
# How long a MusicGPT task takes on the embedded sandbox: long enough for a burst of a few calls
# to find its parallel jobs still running, short against the suite's wait for webhooks.
TASK_SECONDS = "2"
EPILOG = """\
every option also reads the environment variable in its help ($CONTRACT_...); keys are read
only from the environment (--api-key-env NAME names the variable), never from the command line.
Arguments after "--" go to pytest (e.g. -- -x -q).

examples:
  backbeat-contract                                  Trackyard against an embedded sandbox
  backbeat-contract --api musicgpt --report-dir out  MusicGPT, reports in out/
  TRACKYARD_KEY=... backbeat-contract --api trackyard \\
      --base-url https://api.trackyard.com/api/external/v1 --api-key-env TRACKYARD_KEY \\
      --profile live --credit-budget 5

exit status:
  0  every documented promise checked holds
  1  a violation (or, with --fail-on-regression, a cell worse than --baseline)
  2  interrupted
  3  internal error of the suite
  4  usage error: a bad option, or a spec that cannot drive a run (one line says where)
  6  the target is unusable (preflight): nothing answers at --base-url, or the key is refused
  7  run error: the server stopped answering mid-run (every report says so at its top)
A run that judged nothing writes no report: earlier ones (a --baseline too) stay as they were.
"""


def _is_key(name: str) -> bool:
    """Options that carry a secret: taken as the name of an environment variable instead."""
    return name == "api-key" or name.endswith("-key")


def backbeat_version() -> str:
    try:
        return version("backbeat")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The command line, built from the suite's settings table (settings.OPTIONS), so every
    option the suite knows is here with the same name, variable and default."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    for name, (env, default, text) in OPTIONS.items():
        shown = "" if default in (None, "") else f"; default {default}"
        if _is_key(name):
            parser.add_argument(
                f"--{name}{KEY_ENV_SUFFIX}",
                metavar="NAME",
                help=f"{text}: read from environment variable NAME (else ${env})",
            )
        elif default == "":  # an on/off setting: a bare flag here, "1" for pytest and $CONTRACT_
            parser.add_argument(f"--{name}", action="store_const", const="1",
                                help=f"{text.removeprefix('1: ')} (${env}=1)")  # fmt: skip
        else:
            parser.add_argument(f"--{name}", metavar=name.split("-")[-1].upper(),
                                help=f"{text} (${env}{shown})")  # fmt: skip
    parser.add_argument("--version", action="version", version=f"%(prog)s {backbeat_version()}")
    return parser


@contextmanager
def sandbox() -> Iterator[str]:
    """A fresh sandbox, started by backbeat's one launcher (it binds port 0 itself and reports
    the port it got); yields its root URL, stops it by PID."""
    from backbeat_sandbox.launcher import SandboxStartError, start_sandbox

    # Tasks complete on the sandbox's clock, unpolled, so the webhooks the suite asks for
    # arrive within its bounded wait.
    try:
        started = start_sandbox(
            ["--task-seconds", TASK_SECONDS],
            command=[sandbox_command()],
            startup_timeout=STARTUP_SECONDS,
        )
    except SandboxStartError as error:
        raise SystemExit(
            f"{PROG}: the embedded sandbox did not start (to check a running server instead, "
            f"pass --base-url): {error}"
        ) from None
    try:
        root = started.sandbox.url
        print(f"contract: sandbox at {root} (pid {started.pid})", flush=True)
        yield root
    finally:
        started.stop()


def sandbox_command() -> str:
    """The `backbeat-sandbox` script installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / SANDBOX_COMMAND
    found = str(beside) if beside.is_file() else shutil.which(SANDBOX_COMMAND)
    if found is None:
        raise SystemExit(
            f"{PROG}: no {SANDBOX_COMMAND} command to start the embedded sandbox. Fix: "
            'pip install "backbeat[sandbox]", or check a running server with --base-url URL'
        )
    return found


def _terminate_as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_suite(extra: Sequence[str]) -> int:
    # Plain asserts: every assert in the suite carries its own message, and rewriting the
    # schemathesis plugin's modules costs seconds per start where bytecode is not cached. No
    # cache written next to the suite (site-packages, once installed), and backbeat's pytest
    # plugin (which imports the client) stays out of the suite's process.
    args = [str(SUITE_DIR), "--rootdir", str(SUITE_DIR.parent), "--assert=plain"]
    args += ["-p", "no:cacheprovider", "-p", "no:backbeat", *extra]
    return int(pytest.main(args))


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    ours, pytest_args = _split(list(sys.argv[1:] if argv is None else argv))
    namespace, unknown = build_parser().parse_known_args(ours)
    if secrets := [a for a in unknown if a.startswith("--") and _is_key(a[2:].split("=")[0])]:
        raise SystemExit(
            f"{PROG}: {secrets[0]}: keys are never taken on the command line; put the key in "
            f"an environment variable and pass {secrets[0].split('=')[0]}{KEY_ENV_SUFFIX} NAME"
        )
    suite_args = _suite_args(vars(namespace))
    try:
        return _run(suite_args + unknown + pytest_args)
    except KeyboardInterrupt:  # before or after pytest, which handles its own
        print("contract: interrupted", file=sys.stderr)
        return int(pytest.ExitCode.INTERRUPTED)


def _split(args: list[str]) -> tuple[list[str], list[str]]:
    """(our options, pytest's): what follows "--" goes to pytest untouched."""
    if "--" not in args:
        return args, []
    cut = args.index("--")
    return args[:cut], args[cut + 1 :]


def _suite_args(values: dict[str, str | None]) -> list[str]:
    """The suite's pytest options for what was given; keys travel in the environment."""
    args: list[str] = []
    for name, (env, _default, _text) in OPTIONS.items():
        if _is_key(name):
            variable = values.get(_dest(name + KEY_ENV_SUFFIX))
            if variable:
                if variable not in os.environ:
                    raise SystemExit(f"{PROG}: --{name}{KEY_ENV_SUFFIX}: ${variable} is not set")
                os.environ[env] = os.environ[variable]
        elif (value := values.get(_dest(name))) is not None:
            args += [f"--{name}", value]
    return args


def _dest(option: str) -> str:
    return option.replace("-", "_")


def _option(args: Sequence[str], name: str) -> str | None:
    """The value of `--name` in `args`, else its environment variable."""
    flag = f"--{name}"
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return os.environ.get(OPTIONS[name][0]) or None


def _check_options(args: Sequence[str]) -> None:
    """The options a run cannot start without, checked before anything starts (before the
    embedded sandbox, before a request): one line names what is wrong."""
    api = _option(args, "api")
    if api is not None and api not in PROFILES:
        raise _usage(f"--api must be one of {sorted(PROFILES)}, got {api!r}")
    profile = _option(args, "profile") or OPTIONS["profile"][1]
    if profile not in PROFILE_NAMES:
        raise _usage(f"--profile must be one of {list(PROFILE_NAMES)}, got {profile!r}")
    baseline = _option(args, "baseline")
    if baseline:
        try:
            coverage.load(Path(baseline))
        except ValueError as exc:
            raise _usage(f"--baseline: {exc}") from None
    base_url = _option(args, "base-url")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise _usage(f"--base-url must be an http(s) URL, got {base_url!r}")


def _usage(message: str) -> SystemExit:
    """A usage error: one line on stderr, exit status 4 (pytest's, for the same errors)."""
    print(f"{PROG}: {message}", file=sys.stderr)
    return SystemExit(int(pytest.ExitCode.USAGE_ERROR))


def _run(args: Sequence[str]) -> int:
    _check_options(args)
    if _option(args, "base-url"):
        return run_suite(args)
    if _option(args, "spec") and not _option(args, "api"):
        raise SystemExit(
            f"{PROG}: --spec needs --base-url: the embedded sandbox serves only "
            f"{' and '.join(sorted(PROFILES))}"
        )
    api = _option(args, "api") or "trackyard"
    with sandbox() as root:
        base_url = root + PROFILES[api].base_path
        return run_suite(["--base-url", base_url, "--sandbox-magic", "1", *args])


if __name__ == "__main__":
    sys.exit(main())
