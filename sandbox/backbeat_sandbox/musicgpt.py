"""MusicGPT: magic keys, error shape, and the async task lifecycle driven by polling.

A task moves IN_QUEUE -> IN_PROGRESS -> COMPLETED, one step per ``getConversion`` poll of that
task. Tasks not yet COMPLETED count against the plan's parallel-job limit of their category.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .accounts import Account, Limit, Profile
from .engine import AuthFailure, Call
from .replies import Reply
from .spec import JSON
from .validation import Invalid

STATUSES = ("IN_QUEUE", "IN_PROGRESS", "COMPLETED")
FILES = "https://lalals.s3.amazonaws.com"
ID_NAMESPACE = uuid.UUID("6f1c2b7e-4d0a-4c55-9a43-0b2f6c1e8d90")
# Which parallel-job category, conversion type and number of outputs each task operation has.
TASKS: Mapping[str, tuple[str, str, int]] = {
    "generateMusic": ("audio_generation", "MUSIC_AI", 2),
    "textToSpeech": ("audio_enhancement", "TEXT_TO_SPEECH", 1),
    "extractStems": ("audio_enhancement", "EXTRACTION", 1),
    "changeVoice": ("audio_enhancement", "VOICE_CONVERSION", 1),
}
ETA_SECONDS = {"MUSIC_AI": 154, "TEXT_TO_SPEECH": 12, "EXTRACTION": 60, "VOICE_CONVERSION": 45}
AUTH: Mapping[AuthFailure, tuple[int, str]] = {
    "missing": (401, "Authentication failed"),
    "malformed": (401, "Authentication failed"),
    "unknown": (403, "Invalid API key"),
    "revoked": (403, "This API key has been revoked"),
}


def _plan(name: str, balance: float, parallel: int, polls_per_minute: int) -> Profile:
    by_id = Limit("minute", 60, polls_per_minute, frozenset({"getConversion"}))
    return Profile(balance, (by_id,), details={"plan": name, "parallel_jobs": parallel})


PROFILES: Mapping[str, Profile] = {
    "mg_test_free": _plan("free", 10.0, 1, 20),
    "mg_test_plus": _plan("plus", 100.0, 3, 200),
    "mg_test_pro": _plan("pro", 1_000.0, 10, 500),
    "mg_test_broke": _plan("plus", 0.0, 3, 200),
    "mg_test_revoked": Profile(100.0, revoked=True, details={"plan": "plus", "parallel_jobs": 3}),
    "mg_test_load": _plan("enterprise", 1_000_000_000.0, 1_000_000, 1_000_000),
}

VOICE_NAMES = (
    "Warm Baritone", "Bright Soprano", "Smoky Alto", "Gravel Bass", "Airy Tenor", "Soul Diva",
    "Folk Storyteller", "Radio Host", "Whisper Pop", "Opera Mezzo", "Gospel Lead", "Rap Flow",
    "Country Drawl", "Jazz Crooner", "Punk Shout", "Lullaby Voice", "Anime Hero", "Robot Choir",
)  # fmt: skip
VOICES = (
    ("JustinBieber", "Justin Bieber"),
    *((str(uuid.uuid5(ID_NAMESPACE, f"voice-{i}")), f"{name} {i // len(VOICE_NAMES) + 1}")
      for i, name in enumerate(VOICE_NAMES * 3)),
)  # fmt: skip


@dataclass
class Task:
    task_id: str
    feature: str
    category: str
    conversion_ids: tuple[str, ...]
    created_at: float
    inputs: Mapping[str, Any] = field(repr=False)
    cost: float
    step: int = 0
    updated_at: float = 0.0

    @property
    def status(self) -> str:
        return STATUSES[self.step]

    @property
    def done(self) -> bool:
        return self.status == "COMPLETED"


def error_body(message: str) -> dict[str, JSON]:
    return {"success": False, "error": message}


def _tasks(account: Account) -> dict[str, Task]:
    tasks: dict[str, Task] = account.extension.setdefault("tasks", {})
    return tasks


def _new_id(call: Call, label: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{call.sequence}-{label}"))


def _start_task(call: Call) -> Reply:
    category, feature, outputs = TASKS[call.op.operation_id]
    tasks = _tasks(call.account)
    running = sum(1 for t in tasks.values() if t.category == category and not t.done)
    allowed = int(call.account.profile.details["parallel_jobs"])
    if running >= allowed:
        message = f"Rate limit exceeded: {allowed} parallel {category} jobs on this plan"
        return Reply(429, error_body(message), {"Retry-After": "1"})
    task = Task(
        task_id=_new_id(call, "task"),
        feature=feature,
        category=category,
        conversion_ids=tuple(_new_id(call, f"output-{n}") for n in range(1, outputs + 1)),
        created_at=call.now,
        updated_at=call.now,
        inputs=call.args.body if isinstance(call.args.body, dict) else {},
        cost=call.op.credit_cost,
    )
    tasks[task.task_id] = task
    started: dict[str, JSON] = {
        "success": True,
        "task_id": task.task_id,
        "eta": ETA_SECONDS[feature],
        "credit_estimate": task.cost,
        "message": "Message published to queue",
        "status": task.status,
    }
    if outputs == 2:
        ids = {"conversion_id_1": task.conversion_ids[0], "conversion_id_2": task.conversion_ids[1]}
        started.update(ids, is_flagged=False, reason="")
    else:
        started["conversion_id"] = task.conversion_ids[0]
    return Reply(200, started)


def _get_conversion(call: Call) -> Reply:
    task = _find_task(call.account, call.args.query)
    if task is None or task.feature != call.args.query["conversionType"]:
        return Reply(404, error_body("Conversion not found"))
    if not task.done:
        task.step += 1
        task.updated_at = call.now
    record = _music_record(task) if len(task.conversion_ids) == 2 else _single_record(task)
    return Reply(200, {"success": True, "conversion": record})


def _find_task(account: Account, query: Mapping[str, Any]) -> Task | None:
    tasks = _tasks(account)
    task_id, conversion_id = query.get("task_id"), query.get("conversion_id")
    if task_id is not None:
        task = tasks.get(task_id)
        if task is None or (conversion_id is not None and conversion_id not in task.conversion_ids):
            return None
        return task
    return next((t for t in tasks.values() if conversion_id in t.conversion_ids), None)


def _common(task: Task) -> dict[str, JSON]:
    return {
        "task_id": task.task_id,
        "feature": task.feature,
        "status": task.status,
        "webhook_url": task.inputs.get("webhook_url"),
        "createdAt": _vendor_time(task.created_at),
        "updatedAt": _vendor_time(task.updated_at),
    }


def _music_record(task: Task) -> dict[str, JSON]:
    record = _common(task)
    record["message"] = "Audio conversion completed" if task.done else ""
    title = task.inputs.get("title") or (task.inputs.get("prompt") or "Untitled")[:40]
    style = task.inputs.get("music_style") or "Generated"
    for n, conversion_id in enumerate(task.conversion_ids, start=1):
        record[f"conversion_id_{n}"] = conversion_id
        record[f"title_{n}"] = title if n == 1 else f"{title} (Take {n})"
        record[f"lyrics_{n}"] = (
            None if task.inputs.get("make_instrumental") else task.inputs.get("lyrics")
        )
        record[f"sounds_{n}"] = style
        record[f"conversion_path_{n}"] = _file(conversion_id, "mp3") if task.done else None
        record[f"conversion_path_wav_{n}"] = _file(conversion_id, "wav") if task.done else None
        record[f"conversion_duration_{n}"] = _duration(conversion_id) if task.done else None
        record[f"lyrics_timestamped_{n}"] = None
    cover = task.done and bool(task.inputs.get("generate_album_cover"))
    record["album_cover_path"] = f"{FILES}/album_covers/{task.task_id}.png" if cover else None
    record["album_cover_thumbnail"] = (
        f"{FILES}/album_covers/{task.task_id}_thumb.png" if cover else None
    )
    record["is_streaming_request"] = False
    record["is_streaming_available"] = False
    record["generation_completed_at"] = _completed_time(task.updated_at) if task.done else None
    return record


def _single_record(task: Task) -> dict[str, JSON]:
    (conversion_id,) = task.conversion_ids
    record = _common(task)
    url = _file(conversion_id, "mp3") if task.done else None
    record.update(
        conversion_id=conversion_id,
        status_msg="Conversion completed successfully" if task.done else "Conversion in progress",
        audio_url=url,
        conversion_path=url,
        conversion_duration=_duration(conversion_id) if task.done else None,
        conversion_cost=task.cost if task.done else None,
    )
    return record


def _list_voices(call: Call) -> Reply:
    limit, page = int(call.args.query["limit"]), int(call.args.query["page"])
    wanted = str(call.args.query.get("query", "")).casefold()
    matching = [
        {"voice_id": voice_id, "voice_name": name}
        for voice_id, name in VOICES
        if wanted in name.casefold() or wanted in voice_id.casefold()
    ]
    start = page * limit
    voices = matching[start : start + limit]
    return Reply(200, {"success": True, "voices": voices, "limit": limit, "page": page,
                       "total": len(matching)})  # fmt: skip


def _generate_lyrics(call: Call) -> Reply:
    prompt = " ".join(str(call.args.query["prompt"]).split())[:80] or "a song"
    lyrics = "\n".join((
        "[Verse 1]", f"Singing about {prompt}", "Every line a little closer to the sun",
        "[Chorus]", f"Oh, {prompt}", "We keep on moving till the night is done",
    ))  # fmt: skip
    body = {
        "success": True,
        "task_id": _new_id(call, "lyrics"),
        "message": "Lyrics generated successfully",
        "lyrics": lyrics,
        "credit_estimate": call.op.credit_cost,
    }
    return Reply(200, body)


def _file(conversion_id: str, extension: str) -> str:
    return f"{FILES}/conversions/{conversion_id}.{extension}"


def _duration(conversion_id: str) -> float:
    """A stable, plausible length in seconds (90 to 240), derived from the id."""
    return 90 + (uuid.UUID(conversion_id).int % 15_000) / 100


def _vendor_time(seconds: float) -> str:
    """The vendor's ISO 8601 with microseconds and ``+00:00`` (whole seconds here)."""
    return datetime.fromtimestamp(int(seconds), tz=UTC).isoformat(timespec="microseconds")


def _completed_time(seconds: float) -> str:
    """``generation_completed_at`` in the vendor's format: ``2026-08-17 17:11:27.054 +0000``."""
    return datetime.fromtimestamp(int(seconds), tz=UTC).strftime("%Y-%m-%d %H:%M:%S.000 +0000")


class MusicGPT:
    spec_file = "musicgpt.openapi.yaml"
    max_body_bytes = 8 * 1024 * 1024  # uploads travel in the body; the vendor states no limit
    profiles = PROFILES

    handlers: Mapping[str, Callable[[Call], Reply]] = dict.fromkeys(TASKS, _start_task) | {
        "getConversion": _get_conversion, "generateLyrics": _generate_lyrics,
        "listVoices": _list_voices, "searchVoices": _list_voices,
    }  # fmt: skip

    def error(self, status: int, message: str, code: str | None = None) -> JSON:
        return error_body(message)

    def auth_failure(self, kind: AuthFailure) -> Reply:
        status, message = AUTH[kind]
        return Reply(status, error_body(message))

    def rejected(self, problem: Invalid) -> Reply:
        if problem.source == "body" and problem.missing:
            if "audio_url" in problem.missing:
                return Reply(422, error_body("Either audio_url or audio_file must be provided."))
            return Reply(422, error_body(f"Missing required field: {' or '.join(problem.missing)}"))
        return Reply(400, error_body(problem.message))

    def account_headers(self, account: Account, now: float) -> dict[str, str]:
        return {}  # the vendor documents no rate-limit or balance headers

    def payment_required(self, account: Account, cost: float) -> Reply:
        body = {
            **error_body("Insufficient credits for this operation"),
            "required_credits": cost,
            "available_credits": account.credits,
        }
        return Reply(402, body)
