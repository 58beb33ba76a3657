"""The README's webhook receiver example, run as written against the sandbox's deliveries."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sandbox_server")]

README = Path(__file__).parents[2] / "README.md"


def _receiver_example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
    (example,) = [block for block in blocks if "webhook_app(on_event)" in block]
    return str(example)


def test_the_readme_receiver_gets_the_sandbox_delivery(sandbox_url: str, tmp_path: Path) -> None:
    script = tmp_path / "receiver.py"
    script.write_text(_receiver_example())
    environment = {**os.environ, "MUSICGPT_BASE_URL": f"{sandbox_url}/api/public"}
    environment.pop("MUSICGPT_API_KEY", None)
    ran = subprocess.run(
        [sys.executable, str(script)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "AudioEvent True\n"
