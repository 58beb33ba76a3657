"""backbeat_specs: the one reader of backbeat's OpenAPI specs and their ``x-`` extensions.

- Where the specs are (``spec_path``), in a checkout and in an installed wheel. The top-level
  ``openapi.yaml`` and ``musicgpt.openapi.yaml`` of the repository are the only copies in git;
  building the wheel copies them into this package (``setup.py``).
- ``load(path)`` / ``load_api(api)``: a spec read once and shared, as a ``Spec`` with typed,
  read-only accessors for operations, their parts and the extensions (docs/spec-extensions.md);
  ``read_document(path)``: a private, mutable copy. Either way the document is checked and
  normalised first (``preparation``), so a spec written by anyone reads the same everywhere.
- ``extensions.schema.json`` (beside this file): the JSON Schema of the extension vocabulary;
  ``check_extensions`` and ``python -m backbeat_specs check FILE...`` apply it.
- ``schema_validator``: the one way every layer judges a value against a schema (Draft 2020-12
  with the same format assertions everywhere); ``rules`` judges what JSON Schema cannot state
  (``x-less-than``, ``x-requires-one-of``).

Data only: it imports none of the overlay, the sandbox or the contract suite (which meet only on
the wire), and nothing but the standard library and, when a file is read, PyYAML; jsonschema
only when a validator or the extension check is asked for.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "SPEC_FILES",
    "Example",
    "Header",
    "KeyRole",
    "Media",
    "Operation",
    "Parameter",
    "Plan",
    "Provocation",
    "RateLimitCategory",
    "RequestBody",
    "Response",
    "SecurityScheme",
    "Spec",
    "SpecError",
    "check_extensions",
    "derived_operation_id",
    "extension_schema",
    "format_checker",
    "load",
    "load_api",
    "pointer_to",
    "read_document",
    "schema_validator",
    "spec_dir",
    "spec_path",
]

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


# setup.py runs this file on its own (no package) to read SPEC_FILES: the rest needs the package.
if __package__:
    from .extensions import check_extensions, extension_schema
    from .loading import SpecError, load, load_api, read_document
    from .preparation import derived_operation_id
    from .spec import (
        Example,
        Header,
        KeyRole,
        Media,
        Operation,
        Parameter,
        Plan,
        Provocation,
        RateLimitCategory,
        RequestBody,
        Response,
        SecurityScheme,
        Spec,
        pointer_to,
    )
    from .validation import format_checker, schema_validator
