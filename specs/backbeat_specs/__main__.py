"""``python -m backbeat_specs check SPEC...``: check each spec's ``x-`` extensions against the
vocabulary (``extensions.schema.json``) and their cross-references; exit 1 on any problem."""

from __future__ import annotations

import argparse
import sys

from .extensions import check_extensions
from .loading import SpecError, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backbeat_specs")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the x- extensions of OpenAPI specs")
    check.add_argument("specs", nargs="+", metavar="SPEC", help="an OpenAPI 3.0/3.1 file")
    arguments = parser.parse_args(argv)
    failed = False
    for path in arguments.specs:
        try:
            problems = check_extensions(load(path))
        except SpecError as error:
            problems = [error.problem]
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"{path}: extensions OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
