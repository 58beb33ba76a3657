"""backbeat-sandbox: serve the Trackyard and MusicGPT sandbox with uvicorn, in one process.

State lives in the process, so there is exactly one worker: several workers would each keep
their own credits and windows.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

from backbeat_specs import SPEC_FILES, spec_dir

from .limits import DEFAULT_MAX_ACCOUNTS

PROG = "backbeat-sandbox"
EPILOG = """\
examples:
  backbeat-sandbox                          serve both APIs on 127.0.0.1:8765
  backbeat-sandbox --port 9000 --enable-reset
  backbeat-sandbox --api musicgpt           serve MusicGPT only
  curl -H "Authorization: Bearer ty_test_free" http://127.0.0.1:8765/api/external/v1/me

base URLs: http://HOST:PORT/api/external/v1 (Trackyard), http://HOST:PORT/api/public (MusicGPT);
magic keys (ty_test_free, mg_test_pro, ...) and Prefer: code=N are in backbeat's README.
"""


class SpecErrorLike(Protocol):  # .spec.SpecError, imported only once the extra is known present
    path: Path


def backbeat_version() -> str:
    try:
        return version("backbeat")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help="port to bind (default 8765; 0: any free port, reported once listening)",
    )
    parser.add_argument(
        "--ready-file",
        type=Path,
        metavar="PATH",
        help='once listening, write {"url": ..., "pid": ...} to PATH (how the launcher learns '
        "the port it got with --port 0)",
    )
    parser.add_argument(
        "--api",
        choices=sorted(SPEC_FILES),
        help="serve this API only (default: both; each needs its spec)",
    )
    parser.add_argument(
        "--enable-reset", action="store_true", help="expose POST /_sandbox/reset (for tests)"
    )
    parser.add_argument(
        "--spec-dir",
        type=Path,
        default=spec_dir(),
        help="folder holding " + " and ".join(SPEC_FILES.values()) + " (default: %(default)s)",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="uvicorn log level (benchmarks: warning)",
    )
    parser.add_argument(
        "--no-access-log", action="store_true", help="do not log each request (benchmarks)"
    )
    parser.add_argument(
        "--webhook-allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="also deliver webhooks to HOST (repeatable); by default only loopback hosts "
        "(localhost, 127.0.0.0/8, ::1) receive them",
    )
    parser.add_argument(
        "--webhook-allow-any",
        action="store_true",
        help="deliver webhooks to any host (the sandbox then sends requests wherever asked)",
    )
    parser.add_argument(
        "--task-seconds",
        type=float,
        default=None,
        metavar="SECONDS",
        help="every MusicGPT task completes SECONDS after it starts, unpolled (default: its "
        "operation's eta); polling twice completes it at once either way",
    )
    parser.add_argument(
        "--max-header-kib",
        type=int,
        default=64,
        metavar="KIB",
        help="longest request head (request line and headers) in KiB; longer gets 431 (default 64)",
    )
    parser.add_argument(
        "--max-accounts",
        type=int,
        default=DEFAULT_MAX_ACCOUNTS,
        metavar="N",
        help="accounts kept per API; past N the least recently used one is forgotten "
        "(default %(default)s)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {backbeat_version()}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.task_seconds is not None and args.task_seconds <= 0:
        raise SystemExit(f"{PROG}: --task-seconds must be positive")
    if args.max_header_kib < 1 or args.max_accounts < 1:
        raise SystemExit(f"{PROG}: --max-header-kib and --max-accounts must be at least 1")
    try:
        from .app import create_app, default_apis
        from .server import serve
        from .spec import SpecError
    except ModuleNotFoundError as error:
        sys.exit(
            f"{PROG}: the sandbox needs backbeat's sandbox extra ({error}). "
            'Fix: pip install "backbeat[sandbox]"'
        )
    apis = default_apis(args.task_seconds, only=args.api) if args.api else None
    try:
        app = create_app(
            enable_reset=args.enable_reset,
            spec_dir=args.spec_dir,
            apis=apis,
            webhook_allow_hosts=args.webhook_allow_host,
            webhook_allow_any=args.webhook_allow_any,
            task_seconds=args.task_seconds,
            max_accounts=args.max_accounts,
        )
    except SpecError as error:
        sys.exit(f"{PROG}: cannot serve without a valid spec: {error}. Fix: {_fix(args, error)}")
    serve(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=not args.no_access_log,
        max_header_bytes=args.max_header_kib * 1024,
        ready_file=args.ready_file,
    )


def _fix(args: argparse.Namespace, error: SpecErrorLike) -> str:
    name = error.path.name
    fix = f"pass --spec-dir DIR, a folder holding a valid {name}"
    if args.spec_dir == spec_dir():
        fix = f"reinstall backbeat (its wheel carries the specs), or {fix}"
    others = [api for api, file in SPEC_FILES.items() if file != name]
    if args.api is None and others:
        fix += f", or serve the other API alone with --api {others[0]}"
    return fix


if __name__ == "__main__":
    main()
