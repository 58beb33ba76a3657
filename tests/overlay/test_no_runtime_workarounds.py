"""The overlay runs what `make generate` wrote: it compiles, reads and patches nothing."""

from __future__ import annotations

import re
from pathlib import Path

import backbeat

OVERLAY = Path(backbeat.__file__).parent
FORBIDDEN = re.compile(r"\bexec\(|\beval\(|inspect\.getsource|\b_missing_\s*=|\.__code__\b")


def test_no_hand_written_module_compiles_reads_or_patches_code() -> None:
    hand_written = list(OVERLAY.glob("*.py"))
    assert hand_written
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in hand_written
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not found
