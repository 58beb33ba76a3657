"""One spec loader: only `backbeat_specs` parses a spec file. Every layer, tool, benchmark and
test reads a spec through it (`load`, `load_api`, `read_document`), and schemathesis is handed
the document it read (`schemathesis.openapi.from_dict`), never the file to read again; so every
reader sees the same document, normalised the same way (`backbeat_specs.preparation`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READER = ROOT / "specs" / "backbeat_specs"
# What the project writes by hand: the generated clients are written by `make generate`, from
# what backbeat_specs read.
NOT_HAND_WRITTEN = {"_generated", "node_modules", "build", "dist", "__pycache__"}
YAML_PARSERS = {"load", "safe_load", "full_load", "unsafe_load"}
YAML_PARSERS |= {f"{name}_all" for name in YAML_PARSERS}
YAML_LOADERS = {"SafeLoader", "CSafeLoader", "FullLoader", "Loader", "CLoader", "BaseLoader"}
SCHEMATHESIS_FILE_LOADERS = {"from_path", "from_file", "from_url"}


def hand_written_sources() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if path.is_relative_to(READER) or any(
            part.startswith(".") or part in NOT_HAND_WRITTEN for part in parts
        ):
            continue
        yield path


def _dotted(node: ast.expr) -> str:
    """`yaml.safe_load` for the expression `yaml.safe_load`, "" for anything not a name chain."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return f"{owner}.{node.attr}" if owner else ""
    return ""


def spec_parsing(source: str) -> list[str]:
    """Where `source` parses a spec itself: a YAML parser or loader class, a schemathesis loader
    that reads a file or URL, or `json.load(s)` of something named like a spec."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            names = {alias.name for alias in node.names} & (YAML_PARSERS | YAML_LOADERS)
            found += [f"line {node.lineno}: from yaml import {name}" for name in sorted(names)]
        if isinstance(node, ast.Attribute):
            name = _dotted(node)
            owner, _, attr = name.rpartition(".")
            if owner == "yaml" and attr in YAML_PARSERS | YAML_LOADERS:
                found.append(f"line {node.lineno}: {name}")
            if owner.endswith("openapi") and attr in SCHEMATHESIS_FILE_LOADERS:
                found.append(f"line {node.lineno}: {name}")
        if isinstance(node, ast.Call) and _dotted(node.func) in ("json.load", "json.loads"):
            argument = ast.unparse(node.args[0]).lower() if node.args else ""
            if "spec" in argument or "openapi" in argument:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_only_backbeat_specs_parses_a_spec_file() -> None:
    sources = list(hand_written_sources())
    assert any(path.name == "fuzzing.py" for path in sources), "the scan must see the layers"
    offenders = {
        str(path.relative_to(ROOT)): where
        for path in sources
        if (where := spec_parsing(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "read specs through backbeat_specs (load, read_document)"


def test_the_scan_finds_each_way_of_parsing_a_spec_alone() -> None:
    caught = {
        "import yaml\ndoc = yaml.safe_load(open('openapi.yaml'))": "yaml.safe_load",
        "from yaml import load": "from yaml import load",
        "import yaml\nclass Mine(yaml.CSafeLoader): ...": "yaml.CSafeLoader",
        "schema = schemathesis.openapi.from_path(path)": "schemathesis.openapi.from_path",
        "doc = json.loads(spec_file.read_text())": "json.loads(spec_file.read_text())",
    }
    for source, expected in caught.items():
        (where,) = spec_parsing(source)
        assert where.endswith(expected), source
    allowed = [
        "text = yaml.safe_dump(document)",
        "schema = schemathesis.openapi.from_dict(spec.document)",
        "report = json.loads(run.report('contract-coverage.json'))",
    ]
    assert [spec_parsing(source) for source in allowed] == [[], [], []]
