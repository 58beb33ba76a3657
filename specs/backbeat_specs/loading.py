"""Reading a spec file: YAML or JSON, timestamps kept as the strings JSON would give, every
failure a ``SpecError`` that names the file, and the document checked and normalised
(``preparation``: `$ref`s that resolve, an ``operationId`` for every operation...). PyYAML is
imported on the first read (its C parser when built with libyaml: 4-10x faster on a large spec).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .preparation import prepare

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
    document = _parse(path, text)
    if isinstance(document, dict) and "swagger" in document:
        raise SpecError(
            path,
            f"is Swagger {document['swagger']}, not OpenAPI 3.x: convert it first "
            "(for instance `npx swagger2openapi` or Swagger Editor's converter)",
        )
    version = document.get("openapi") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        raise SpecError(path, "is not an OpenAPI document (no `openapi: 3.0` or `3.1`)")
    try:
        prepare(document)
    except ValueError as error:
        raise SpecError(path, str(error)) from None
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


def _parse(path: Path, text: str) -> Any:
    """JSON when it looks like JSON (its parser is ~30x faster than YAML's on a large spec),
    else YAML, whatever the file's name says: a `.json` file holding YAML is read as YAML."""
    named_json = path.suffix.lower() == ".json"
    if text.lstrip().startswith("{"):
        if named_json:
            return _parse_json(path, text)
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass  # YAML flow style, or broken: YAML's parser says which
    return _parse_yaml(path, text)


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
        return yaml.load(text, Loader=_plain_loader())  # a (C)SafeLoader subclass
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
    """yaml's SafeLoader (C when available, same rules), except that timestamps stay strings, as
    JSON would have them (a spec's `example: 2026-01-02T03:04:05Z` is a string to JSON Schema)."""
    import yaml

    safe: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class PlainLoader(safe):  # type: ignore[misc]
        pass

    PlainLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return PlainLoader
