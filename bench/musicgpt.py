"""The MusicGPT side of the throughput bench: the key and the requests, by label.

The paths and the multipart body come from the spec's operations (their documented examples),
so the sandbox and Prism are sent the same bytes.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import backbeat_specs
import httpx

from .load import LoadTarget

__all__ = ["BASE_PATH", "KEY", "SPEC_FILE", "load_targets", "prepare"]

SPEC_FILE = "musicgpt.openapi.yaml"
BASE_PATH = "/api/public"
# Enterprise plan: a billion credits and no limit that could bite.
KEY = "mg_test_load"
# The task byId reads belongs to an account of its own: the conversion load starts thousands of
# tasks, and an account keeps only its newest (limits.MAX_TASKS_PER_ACCOUNT).
READER_KEY = "mg_test_load_reader"
VOICES = "/v1/getAllVoices"
BY_ID = "/v1/byId"
CONVERSION = "/v1/Cover"
BOUNDARY = "backbeatbench"
EXAMPLE_TASK = "3d137437-4911-4669-b639-9e5701107c25"


def _cover_fields(spec: Path) -> dict[str, str]:
    document = backbeat_specs.read_document(spec)
    content = document["paths"][CONVERSION]["post"]["requestBody"]["content"]
    examples = content["multipart/form-data"]["examples"]
    value = next(iter(examples.values()))["value"]
    return {name: str(item) for name, item in value.items() if name != "webhook_url"}


def _multipart(fields: dict[str, str]) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return ("".join(parts) + f"--{BOUNDARY}--\r\n").encode()


def prepare(api_url: str) -> str:
    """Start one conversion on a sandbox and poll it to completion: the task ``byId`` reads."""
    fields = {"audio_url": "https://example.org/song.mp3", "voice_id": "Drake"}
    headers = {"Authorization": READER_KEY}
    with httpx.Client(base_url=api_url, headers=headers, timeout=30) as client:
        started = client.post(CONVERSION, data=fields, files={"unused": ("", b"")})
        started.raise_for_status()
        task_id = str(started.json()["task_id"])
        for _ in range(2):
            client.get(BY_ID, params={"task_id": task_id, "conversionType": "COVER"})
    return task_id


def load_targets(api_url: str, spec: Path, task_id: str = EXAMPLE_TASK) -> dict[str, LoadTarget]:
    """The requests the throughput bench repeats, by label."""
    auth = {"Authorization": KEY}
    query = urllib.parse.urlencode({"task_id": task_id, "conversionType": "COVER"})
    form = {**auth, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    return {
        VOICES: LoadTarget(api_url + VOICES, "GET", b"", auth),
        BY_ID: LoadTarget(f"{api_url}{BY_ID}?{query}", "GET", b"", {"Authorization": READER_KEY}),
        CONVERSION: LoadTarget(api_url + CONVERSION, "POST", _multipart(_cover_fields(spec)), form),
    }
