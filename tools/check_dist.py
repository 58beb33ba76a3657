"""Check a built wheel and sdist: the specs and every package's py.typed are in, and the
wheel's specs are byte-for-byte the repository's (one copy in git, copied at build time).

Usage: python tools/check_dist.py DIST.whl DIST.tar.gz   (from the repository root)
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from backbeat_specs import SPEC_FILES

SPECS_PACKAGE = "backbeat_specs"
# The folders pyproject.toml finds packages in; their data files must ship too.
PACKAGE_ROOTS = ("overlay", "sandbox", "contract_tests", "specs", "plugin")


def check_wheel(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        problems = [
            f"{name} differs from the repository's"
            for name in (f"{SPECS_PACKAGE}/{file}" for file in SPEC_FILES.values())
            if name in names and archive.read(name) != Path(PurePosixPath(name).name).read_bytes()
        ]
    packages = sorted(
        {n.split("/")[0] for n in names if n.count("/") == 1 and n.endswith("/__init__.py")}
    )
    problems += [f"{name} is missing" for name in _specs(SPECS_PACKAGE) if name not in names]
    problems += [f"{p}/py.typed is missing" for p in packages if f"{p}/py.typed" not in names]
    problems += [f"{name} (package data) is missing" for name in _data_files() if name not in names]
    print(f"{wheel.name}: packages {', '.join(packages)}")
    print("  specs:", ", ".join(sorted(n for n in names if n.endswith(".yaml"))))
    print("  py.typed:", ", ".join(sorted(n for n in names if n.endswith("/py.typed"))))
    return problems


def check_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        names = {
            PurePosixPath(n).relative_to(PurePosixPath(n).parts[0]).as_posix()
            for n in archive.getnames()
            if "/" in n
        }
    return [f"{sdist.name}: {name} is missing" for name in _specs("") if name not in names]


def _data_files() -> list[str]:
    """Non-Python files inside our package folders, as wheel paths."""
    return sorted(
        path.relative_to(root).as_posix()
        for root in map(Path, PACKAGE_ROOTS)
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and path.name != "py.typed"
        and "__pycache__" not in path.parts
    )


def _specs(folder: str) -> list[str]:
    return [f"{folder}/{name}" if folder else name for name in SPEC_FILES.values()]


def main(argv: list[str]) -> int:
    wheel, sdist = (Path(arg) for arg in argv)
    problems = check_wheel(wheel) + check_sdist(sdist)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
