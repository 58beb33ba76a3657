"""``python -m backbeat_sandbox``: serve the sandbox with uvicorn, in one process.

State lives in the process, so there is exactly one worker: several workers would each keep
their own credits and windows.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from .app import SPEC_DIR, create_app


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m backbeat_sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to bind (default 8765)")
    parser.add_argument(
        "--enable-reset", action="store_true", help="expose POST /_sandbox/reset (for tests)"
    )
    parser.add_argument("--spec-dir", type=Path, default=SPEC_DIR, help="where the specs live")
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
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.task_seconds is not None and args.task_seconds <= 0:
        raise SystemExit("--task-seconds must be positive")
    app = create_app(
        enable_reset=args.enable_reset,
        spec_dir=args.spec_dir,
        webhook_allow_hosts=args.webhook_allow_host,
        webhook_allow_any=args.webhook_allow_any,
        task_seconds=args.task_seconds,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        workers=1,
        log_level=args.log_level,
        access_log=not args.no_access_log,
        server_header=False,
    )


if __name__ == "__main__":
    main()
