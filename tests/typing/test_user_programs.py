"""User programs checked as users check them: mypy --strict and pyright (strict mode).

`programs/correct_*.py` and every Python block of the README must give no error; in
`programs/wrong_*.py` every line marked `# error` must be reported, and no other line, by both
checkers. The clients are found
through the checkout's `overlay/` (an editable install's import hook is invisible to type
checkers); errors inside backbeat itself are not the programs' and are not counted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).parent / "programs"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
README = ROOT / "README.md"
# A block may sit indented in a list item; its closing fence has the same indent.
README_BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
# The checkers find the packages where an editable install puts them.
SOURCE_ROOTS = [str(ROOT / folder) for folder in ("overlay", "plugin")]
MYPY_LINE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): error: ")

pytestmark = pytest.mark.slow


def _marked(program: Path) -> set[int]:
    lines = program.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if line.endswith("# error")}


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The programs in a folder of their own, outside the checkout's configuration."""
    folder = tmp_path_factory.mktemp("user-project")
    for program in PROGRAMS.glob("*.py"):
        shutil.copy(program, folder / program.name)
    blocks = README_BLOCK.findall(README.read_text(encoding="utf-8"))
    assert blocks, "the README has no Python example to check"
    for number, (_indent, block) in enumerate(blocks, 1):
        (folder / f"readme_example_{number:02d}.py").write_text(textwrap.dedent(block))
    return folder


def _errors_by_file(found: list[tuple[str, int]]) -> dict[str, set[int]]:
    by_file: dict[str, set[int]] = {}
    for file, line in found:
        by_file.setdefault(Path(file).name, set()).add(line)
    return by_file


def _expected(folder: Path) -> dict[str, set[int]]:
    return {program.name: _marked(program) for program in sorted(folder.glob("*.py"))}


def test_mypy_strict_accepts_correct_calls_and_rejects_each_wrong_one(programs: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--cache-dir",
            str(programs / ".mypy-cache"),
            *sorted(p.name for p in programs.glob("*.py")),
        ],
        cwd=programs,
        env={"MYPYPATH": ":".join(SOURCE_ROOTS), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    found = [
        (m["file"], int(m["line"]))
        for line in run.stdout.splitlines()
        if (m := MYPY_LINE.match(line))
    ]
    by_file = _errors_by_file(found)
    for name, expected in _expected(programs).items():
        assert by_file.get(name, set()) == expected, f"{name}:\n{run.stdout}"


def test_pyright_strict_accepts_correct_calls_and_rejects_each_wrong_one(programs: Path) -> None:
    if not PYRIGHT.exists():
        pytest.fail("pyright is missing: run `make node` (package.json pins it)")
    config = {
        "include": sorted(p.name for p in programs.glob("*.py")),
        "extraPaths": SOURCE_ROOTS,
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
    }
    (programs / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    run = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", sys.executable],
        cwd=programs,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stdout)
    found = [
        (d["file"], d["range"]["start"]["line"] + 1)
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    by_file = _errors_by_file(found)
    messages = "\n".join(
        f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
    )
    for name, expected in _expected(programs).items():
        assert by_file.get(name, set()) == expected, f"{name}:\n{messages}"
