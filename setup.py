"""Build step pyproject.toml cannot express: copy the top-level specs into the wheel.

The repository keeps one copy of each spec, at its root; ``backbeat_specs`` finds them there in
a checkout and next to itself in an installed wheel. The sdist carries the root copies
(MANIFEST.in), so a wheel built from the sdist gets them too.
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SPECS_PACKAGE = "backbeat_specs"


def _spec_files() -> list[str]:
    # backbeat_specs names the files; it is stdlib-only, so run its source without installing.
    module = runpy.run_path(str(ROOT / "specs" / SPECS_PACKAGE / "__init__.py"))
    return list(module["SPEC_FILES"].values())


class BuildPyWithSpecs(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / SPECS_PACKAGE
        target.mkdir(parents=True, exist_ok=True)
        for name in _spec_files():
            source = ROOT / name
            if not source.is_file():
                raise SystemExit(f"setup.py: {source} is missing: the wheel must ship every spec")
            shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildPyWithSpecs})
