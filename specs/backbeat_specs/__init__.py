"""backbeat_specs: where the OpenAPI specs are, in a checkout and in an installed wheel.

The top-level ``openapi.yaml`` and ``musicgpt.openapi.yaml`` of the repository are the only
copies in git; building the wheel copies them into this package (``setup.py``). The sandbox and
the contract suite both ask this module for a spec's path, so neither needs to know how
backbeat was installed, and neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SPEC_FILES", "spec_dir", "spec_path"]

SPEC_FILES = {"trackyard": "openapi.yaml", "musicgpt": "musicgpt.openapi.yaml"}
"""API name -> spec file name. setup.py copies exactly these files into the wheel."""

_PACKAGE_DIR = Path(__file__).resolve().parent
# In a checkout this package lives at <repo>/specs/backbeat_specs and the specs at <repo>.
_CHECKOUT_ROOT = _PACKAGE_DIR.parents[1]


def spec_dir() -> Path:
    """The folder holding the spec files: this package in an installed wheel, the repository
    root in a checkout (editable install)."""
    if any((_PACKAGE_DIR / name).is_file() for name in SPEC_FILES.values()):
        return _PACKAGE_DIR
    if _PACKAGE_DIR.parent.name == "specs" and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return _CHECKOUT_ROOT
    return _PACKAGE_DIR  # an install without its specs: callers report the missing file


def spec_path(api: str) -> Path:
    """The spec of ``api`` ("trackyard" or "musicgpt"). It may be missing from a broken install:
    callers check and say so."""
    try:
        name = SPEC_FILES[api]
    except KeyError:
        raise ValueError(f"unknown API {api!r}: one of {sorted(SPEC_FILES)}") from None
    return spec_dir() / name
