"""Reading a spec file: YAML or JSON, timestamps kept as the strings JSON would give, every
failure a ``SpecError`` that names the file. PyYAML is imported on the first read."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .spec import Spec

__all__ = ["SpecError", "load", "load_api", "read_document"]


class SpecError(ValueError):
    """A spec that is missing, unreadable, not an OpenAPI 3.0/3.1 document, or whose extension
    breaks its documented shape (``problem`` says what, ``path`` which file)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


def read_document(path: Path | str) -> dict[str, Any]:
    """The document in ``path``, freshly parsed: a new mutable ``dict`` on each call (derive a
    variant of a spec from it). ``load`` is the shared, cached, read-only way."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(path, "no such file") from None
    except UnicodeDecodeError as error:
        raise SpecError(path, f"is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise SpecError(path, f"cannot be read ({error.strerror or error})") from None
    document = (
        _parse_json(path, text) if path.suffix.lower() == ".json" else _parse_yaml(path, text)
    )
    version = document.get("openapi") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        raise SpecError(path, "is not an OpenAPI 3.0 or 3.1 document (no `openapi: 3.x`)")
    return document  # type: ignore[no-any-return]


def load(path: Path | str) -> Spec:
    """The spec in ``path``, read once per file version (path, size and modification time) and
    shared: treat it as read-only."""
    resolved = Path(path).resolve()
    try:
        stat = resolved.stat()
    except OSError:
        read_document(resolved)  # raises the SpecError that says what is wrong
        raise
    return _load(resolved, stat.st_mtime_ns, stat.st_size)


def load_api(api: str) -> Spec:
    """The spec of one of backbeat's APIs ("trackyard" or "musicgpt"), wherever it is installed."""
    from . import spec_path

    return load(spec_path(api))


@cache
def _load(path: Path, _mtime_ns: int, _size: int) -> Spec:
    from .spec import Spec

    return Spec(path, read_document(path))


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise SpecError(path, "is not valid JSON (nested too deeply)") from None
    except ValueError as error:
        raise SpecError(path, f"is not valid JSON ({error})") from None


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        import yaml
    except ModuleNotFoundError:
        problem = "needs PyYAML to be read: pip install 'backbeat[sandbox]' or 'backbeat[contract]'"
        raise SpecError(path, problem) from None

    try:
        return yaml.load(text, Loader=_plain_loader())  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(
            path, f"is not valid YAML ({' '.join(f'{problem}{where}'.split())})"
        ) from None
    except RecursionError:
        raise SpecError(path, "is not valid YAML (nested too deeply)") from None


@cache
def _plain_loader() -> type[Any]:
    """yaml's SafeLoader, except that timestamps stay strings, as JSON would have them (a spec's
    `example: 2026-01-02T03:04:05Z` is a string to JSON Schema)."""
    import yaml

    class PlainLoader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    PlainLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return PlainLoader
