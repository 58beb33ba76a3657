"""MusicGPT: magic keys, error shape, the async task lifecycle and its webhooks.

Every conversion operation is served by one handler driven by the operation's extensions in the
spec: ``x-conversion-type``, ``x-outputs``, ``x-rate-limit-category`` (whose plan limits sit in
the top-level ``x-rate-limit-categories``), ``x-credit-estimate`` (charged) and ``x-webhook``
(the ``webhooks`` entry whose example is the payload's template). Adding a conversion to the
spec adds it here. The other operations name their behaviour in ``x-sandbox-behaviour``.

A task moves IN_QUEUE -> IN_PROGRESS -> COMPLETED: one step per ``getConversion`` poll of that
task, or straight to COMPLETED once its ``eta`` has passed on the sandbox's clock, whichever
comes first. Tasks not yet COMPLETED count against the plan's parallel-job limit of their
category. A task that completes with a ``webhook_url`` owes that URL its webhook payloads.
"""

from __future__ import annotations

import base64
import copy
import heapq
import itertools
import json
import math
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from backbeat_specs import SPEC_FILES, RateLimitCategory

from .accounts import Account, Limit, Profile
from .engine import AuthFailure, Call, Handler, handlers_for
from .limits import MAX_TASKS_PER_ACCOUNT, TASK_SECONDS_KEPT
from .replies import Reply
from .spec import JSON, Operation, Spec
from .validation import Invalid
from .webhooks import Delivery

STATUSES = ("IN_QUEUE", "IN_PROGRESS", "COMPLETED")
FAILED = "FAILED"
DEFAULT_STEMS = ("drums", "bass", "piano", "guitar")
"""What an empty or omitted ``stems`` list means (the spec's ``StemList`` description)."""
FILES = "https://lalals.s3.amazonaws.com"
ID_NAMESPACE = uuid.UUID("6f1c2b7e-4d0a-4c55-9a43-0b2f6c1e8d90")
DEFAULT_ETA_SECONDS = 60
"""For an operation whose vendor example gives no usable ``eta`` (``-1`` means unknown)."""
AUTH: Mapping[AuthFailure, tuple[int, str]] = {
    "missing": (401, "Authentication failed"),
    "malformed": (401, "Authentication failed"),
    "unknown": (403, "Invalid API key"),
    "revoked": (403, "This API key has been revoked"),
}
# Magic key -> (plan, balance). The plan selects the limits of the spec's categories; a plan the
# spec does not list (enterprise) has none.
PLANS: Mapping[str, tuple[str, float]] = {
    "mg_test_free": ("free", 10.0),
    "mg_test_plus": ("plus", 100.0),
    "mg_test_pro": ("pro", 1_000.0),
    "mg_test_broke": ("plus", 0.0),
    "mg_test_revoked": ("plus", 100.0),
    "mg_test_load": ("enterprise", 1_000_000_000.0),
}

VOICE_NAMES = (
    "Warm Baritone", "Bright Soprano", "Smoky Alto", "Gravel Bass", "Airy Tenor", "Soul Diva",
    "Folk Storyteller", "Radio Host", "Whisper Pop", "Opera Mezzo", "Gospel Lead", "Rap Flow",
    "Country Drawl", "Jazz Crooner", "Punk Shout", "Lullaby Voice", "Anime Hero", "Robot Choir",
)  # fmt: skip
GENERATED_VOICES = tuple(
    (str(uuid.uuid5(ID_NAMESPACE, f"voice-{i}")), f"{name} {i // len(VOICE_NAMES) + 1}")
    for i, name in enumerate(VOICE_NAMES * 3)
)
"""The catalog after the voices the spec's examples use (`_documented_voices`)."""


@dataclass(frozen=True)
class TaskKind:
    """What the spec says about the tasks one conversion operation starts."""

    operation_id: str
    conversion_type: str
    outputs: int
    category: str | None
    seconds: float
    """How long a task takes on the sandbox's clock when nobody polls it."""
    webhook: str | None

    @classmethod
    def of(cls, op: Operation, seconds: float | None = None) -> TaskKind:
        reader = op.reader
        return cls(
            operation_id=op.operation_id,
            conversion_type=str(reader.conversion_type),
            outputs=int(reader.outputs or 1),
            category=reader.rate_limit_category,
            seconds=_example_eta(op.node) if seconds is None else seconds,
            webhook=reader.webhook,
        )

    @property
    def eta(self) -> int:
        """The ``eta`` a start response reports: whole seconds, at least 1."""
        return max(1, math.ceil(self.seconds))


@dataclass
class Task:
    task_id: str
    kind: TaskKind
    conversion_ids: tuple[str, ...]
    created_at: float
    inputs: Mapping[str, Any] = field(repr=False)
    cost: float
    step: int = 0
    updated_at: float = 0.0
    failure: str | None = None
    """Why the task ends ``FAILED`` instead of ``COMPLETED`` (an unknown voice)."""

    @property
    def feature(self) -> str:
        return self.kind.conversion_type

    @property
    def deadline(self) -> float:
        return self.created_at + self.kind.seconds

    @property
    def status(self) -> str:
        if self.done and self.failure is not None:
            return FAILED
        return STATUSES[self.step]

    @property
    def done(self) -> bool:
        """Finished: completed or failed."""
        return self.step == len(STATUSES) - 1

    @property
    def produced(self) -> bool:
        """Finished with its outputs."""
        return self.done and self.failure is None


def error_body(message: str) -> dict[str, JSON]:
    return {"success": False, "error": message}


def _tasks(account: Account) -> dict[str, Task]:
    tasks: dict[str, Task] = account.extension.setdefault("tasks", {})
    return tasks


def _keep(tasks: dict[str, Task], task: Task, now: float) -> None:
    """Add ``task``, forgetting the oldest past `MAX_TASKS_PER_ACCOUNT` or `TASK_SECONDS_KEPT`."""
    tasks[task.task_id] = task
    while len(tasks) > MAX_TASKS_PER_ACCOUNT:
        del tasks[next(iter(tasks))]
    while (oldest := next(iter(tasks.values()))).created_at < now - TASK_SECONDS_KEPT:
        del tasks[oldest.task_id]


def _new_id(call: Call, label: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{call.sequence}-{label}"))


def _starts_a_task(op: Operation) -> str | None:
    """An operation whose answer names its task's outputs (``x-outputs``) starts a task."""
    return "task-start" if op.reader.outputs is not None else None


def _example_eta(node: Mapping[str, Any]) -> int:
    """The ``eta`` of the operation's first ``200`` example, when it is a real estimate."""
    media = node["responses"]["200"]["content"]["application/json"]
    for example in media.get("examples", {}).values():
        eta = example.get("value", {}).get("eta")
        if isinstance(eta, int) and eta > 0:
            return eta
    return DEFAULT_ETA_SECONDS


class MusicGPT:
    spec_file = SPEC_FILES["musicgpt"]
    max_body_bytes = 8 * 1024 * 1024  # uploads travel in the body; the vendor states no limit

    def __init__(self, task_seconds: float | None = None) -> None:
        """``task_seconds`` replaces every operation's ``eta`` (how long a task takes on the
        sandbox's clock when nobody polls it), e.g. to receive webhooks sooner."""
        self.task_seconds = task_seconds
        self.profiles: Mapping[str, Profile] = {}
        self.handlers: Mapping[str, Handler] = {}
        self._kinds: dict[str, TaskKind] = {}
        self._categories: Mapping[str, RateLimitCategory] = {}
        self._webhooks: Mapping[str, Any] = {}
        self._spec: Spec | None = None
        self._due: list[tuple[float, int, Task, str]] = []  # (deadline, order, task, hook URL)
        self._order = itertools.count()
        self._outbox: list[Delivery] = []
        self.voices: tuple[tuple[str, str], ...] = GENERATED_VOICES
        self._voice_ids: frozenset[str] = frozenset()
        self._voice_listing: list[tuple[dict[str, str], tuple[str, str]]] = []

    def bind(self, spec: Spec) -> None:
        self._spec = spec
        self._categories = spec.reader.rate_limit_categories
        self._webhooks = spec.document.get("webhooks", {})
        for op in spec.operations:
            if op.reader.outputs is not None:
                self._kinds[op.operation_id] = TaskKind.of(op, self.task_seconds)
        self.profiles = self._profiles(spec)
        self.voices = (*_documented_voices(spec.document), *GENERATED_VOICES)
        self._voice_ids = frozenset(voice_id for voice_id, _ in self.voices)
        self._voice_listing = [
            ({"voice_id": voice_id, "voice_name": name}, (name.casefold(), voice_id.casefold()))
            for voice_id, name in self.voices
        ]
        behaviours: Mapping[str, Handler] = {
            "task-start": self._start_task,
            "conversion-status": self._get_conversion,
            "conversion-history": self._list_user_conversions,
            "lyrics": _generate_lyrics,
            "voice-catalog": self._list_voices,
        }
        self.handlers = handlers_for(spec, behaviours, implied=_starts_a_task)

    def _profiles(self, spec: Spec) -> dict[str, Profile]:
        """Each magic key's plan, balance and per-minute limits (from the spec's categories)."""
        profiles = {}
        for key, (plan, balance) in PLANS.items():
            limits = tuple(
                Limit("minute", 60, category.limits[plan], self._operations_in(spec, name))
                for name, category in self._categories.items()
                if category.unit == "requests-per-minute" and plan in category.limits
            )
            revoked = key == "mg_test_revoked"
            profiles[key] = Profile(balance, limits, revoked=revoked, details={"plan": plan})
        return profiles

    @staticmethod
    def _operations_in(spec: Spec, category: str) -> frozenset[str]:
        return frozenset(
            op.operation_id for op in spec.operations if op.reader.rate_limit_category == category
        )

    # --- conversions ----------------------------------------------------------------------

    def _start_task(self, call: Call) -> Reply:
        kind = self._kinds[call.op.operation_id]
        refusal = self._over_parallel_limit(call.account, kind, call.now)
        if refusal is not None:
            return refusal
        inputs = call.args.body if isinstance(call.args.body, dict) else {}
        task = Task(
            task_id=_new_id(call, "task"),
            kind=kind,
            conversion_ids=tuple(_new_id(call, f"output-{n}") for n in range(1, kind.outputs + 1)),
            created_at=call.now,
            updated_at=call.now,
            inputs=inputs,
            cost=call.op.price,
            failure=self._voice_problem(inputs.get("voice_id")),
        )
        _keep(_tasks(call.account), task, call.now)
        hook_url = inputs.get("webhook_url")
        if isinstance(hook_url, str) and hook_url:
            heapq.heappush(self._due, (task.deadline, next(self._order), task, hook_url))
        started: dict[str, JSON] = {
            "success": True,
            "task_id": task.task_id,
            "eta": kind.eta,
            "credit_estimate": task.cost,
            "message": "Message published to queue",
            "status": task.status,
        }
        if kind.outputs == 2:
            ids = {
                "conversion_id_1": task.conversion_ids[0],
                "conversion_id_2": task.conversion_ids[1],
            }
            started.update(ids, is_flagged=False, reason="")
        else:
            started["conversion_id"] = task.conversion_ids[0]
        return Reply(200, started)

    def _voice_problem(self, voice_id: object) -> str | None:
        """An unknown voice fails the task, as a job the vendor queued and could not render
        (the fact sheet documents no refusal for it; docs/sandbox.md, "Decisions")."""
        if not isinstance(voice_id, str) or not voice_id or voice_id in self._voice_ids:
            return None
        return f"Voice not found: {voice_id[:100]} (list voices with getAllVoices)"

    def _over_parallel_limit(self, account: Account, kind: TaskKind, now: float) -> Reply | None:
        category = self._categories.get(kind.category or "")
        if category is None or category.unit != "parallel-jobs":
            return None
        plan = str(account.profile.details["plan"])
        allowed = category.limits.get(plan)
        if allowed is None:
            return None
        running = sum(
            1
            for task in _tasks(account).values()
            if task.kind.category == kind.category and not self._settle(task, now)
        )
        if running < allowed:
            return None
        message = f"Rate limit exceeded: {allowed} parallel {kind.category} jobs on this plan"
        return Reply(429, error_body(message), {"Retry-After": "1"})

    def _settle(self, task: Task, now: float) -> bool:
        """Complete ``task`` if its eta has passed; whether it is done."""
        if not task.done and now >= task.deadline:
            self._complete(task, task.deadline)
        return task.done

    def _complete(self, task: Task, when: float) -> None:
        task.step = len(STATUSES) - 1
        task.updated_at = when
        hook_url = task.inputs.get("webhook_url")
        if task.failure is not None:
            return  # the vendor documents no webhook for a failed task
        if isinstance(hook_url, str) and hook_url and task.kind.webhook is not None:
            payloads = tuple(self._payloads(task))
            label = f"{task.kind.operation_id} task {task.task_id}"
            self._outbox.append(Delivery(hook_url, payloads, label))

    def advance(self, now: float) -> Sequence[Delivery]:
        while self._due and self._due[0][0] <= now:
            _, _, task, _ = heapq.heappop(self._due)
            self._settle(task, now)
        owed, self._outbox = self._outbox, []
        return owed

    def _payloads(self, task: Task) -> Iterator[dict[str, JSON]]:
        """One payload per output, from the first example of the operation's webhook entry,
        with the example's ids replaced by the task's (wherever they occur, URLs included)."""
        media = self._webhooks[task.kind.webhook or ""]["post"]["requestBody"]["content"]
        template = next(iter(media["application/json"]["examples"].values()))["value"]
        for conversion_id in task.conversion_ids:
            renames = {str(template.get("task_id")): task.task_id}
            if "conversion_id" in template:
                renames[str(template["conversion_id"])] = conversion_id
            for n, other in enumerate(task.conversion_ids, start=1):
                if f"conversion_id_{n}" in template:
                    renames[str(template[f"conversion_id_{n}"])] = other
            yield _with_stems(_renamed(copy.deepcopy(template), renames), task.inputs)

    def _get_conversion(self, call: Call) -> Reply:
        task = _find_task(call.account, call.args.query)
        if task is None or task.feature != call.args.query["conversionType"]:
            return Reply(404, error_body("Conversion not found"))
        if not self._settle(task, call.now):
            task.step += 1
            task.updated_at = call.now
            if task.done:
                self._complete(task, call.now)
        return Reply(200, {"success": True, "conversion": _record(task)})

    def _list_user_conversions(self, call: Call) -> Reply:
        query = call.args.query
        start, end = query.get("startDate"), query.get("endDate")
        wanted = query.get("conversionType")
        tasks = [
            task
            for task in _tasks(call.account).values()
            if (wanted is None or task.feature == wanted)
            and (start is None or not _before(task.created_at, str(start)))
            and (end is None or not _before(str(end), task.created_at))
        ]
        if query["sortOrder"] == "DESC":
            tasks.reverse()
        first = 0
        after = query.get("LastEvaluatedKey")
        if after is not None:
            # A position in the listing, as DynamoDB's: the page starts after that conversion.
            # A key this sandbox never issued names no position, so nothing follows it.
            ids = [task.task_id for task in tasks]
            last = _task_id_of(str(after))
            first = ids.index(last) + 1 if last in ids else len(ids)
        limit = int(query["limit"])
        page = tasks[first : first + limit]
        for task in page:
            self._settle(task, call.now)
        body: dict[str, JSON] = {"success": True, "conversions": [_record(t) for t in page]}
        if first + limit < len(tasks):
            body["LastEvaluatedKey"] = _page_key(page[-1].task_id)
        return Reply(200, body)

    def _list_voices(self, call: Call) -> Reply:
        limit, page = int(call.args.query["limit"]), int(call.args.query["page"])
        wanted = str(call.args.query.get("query", "")).casefold()
        matching = [
            voice
            for voice, folded in self._voice_listing
            if not wanted or wanted in folded[0] or wanted in folded[1]
        ]
        start = min(page * limit, len(matching))
        voices = matching[start : start + limit]
        return Reply(200, {"success": True, "voices": voices, "limit": limit, "page": page,
                           "total": len(matching)})  # fmt: skip

    # --- the engine's questions -----------------------------------------------------------

    def error(self, status: int, message: str, code: str | None = None) -> JSON:
        return error_body(message)

    def auth_failure(self, kind: AuthFailure) -> Reply:
        status, message = AUTH[kind]
        return Reply(status, error_body(message))

    def rejected(self, problem: Invalid) -> Reply:
        if problem.source == "body" and problem.missing:
            if any(name.endswith(("_url", "_file")) for name in problem.missing):
                # The vendor's words for a missing upload; the URL alternative named first.
                unique = dict.fromkeys(problem.missing)
                sources = sorted(unique, key=lambda names: "_url" not in names)
                return Reply(422, error_body(f"Either {' or '.join(sources)} must be provided."))
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


def _documented_voices(document: JSON) -> list[tuple[str, str]]:
    """Every voice the spec's examples use, in document order: the voice listings' ids with
    their names, and the ids requests send (``Drake``), named by themselves."""
    found: dict[str, str] = {}

    def walk(node: JSON) -> None:
        if isinstance(node, dict):
            voice_id = node.get("voice_id")
            if isinstance(voice_id, str) and voice_id and voice_id not in found:
                found[voice_id] = str(node.get("voice_name") or voice_id)
            elif isinstance(voice_id, str) and node.get("voice_name"):
                found[voice_id] = str(node["voice_name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(document.get("paths", {}))
    return list(found.items())


def _with_stems(payload: dict[str, JSON], inputs: Mapping[str, Any]) -> dict[str, JSON]:
    """A stems payload (``audio_url`` holding a JSON object of stem -> URL) for the stems the
    request asked for: its ``stems`` list, or `DEFAULT_STEMS` when that is empty or omitted."""
    try:
        urls = json.loads(str(payload.get("audio_url")))
    except ValueError:
        return payload
    if not isinstance(urls, dict) or not urls:
        return payload
    try:
        requested = json.loads(str(inputs.get("stems") or "[]"))
    except ValueError:
        requested = []
    stems = [str(stem) for stem in requested] if isinstance(requested, list) else []
    pattern = next(iter(urls.values()))
    first_stem = next(iter(urls))
    delivered = {
        stem: str(pattern).replace(first_stem, stem)
        for stem in dict.fromkeys(stems or DEFAULT_STEMS)
    }
    return {**payload, "audio_url": json.dumps(delivered)}


def _renamed(value: JSON, renames: Mapping[str, str]) -> JSON:
    if isinstance(value, dict):
        return {_renamed(k, renames): _renamed(v, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(item, renames) for item in value]
    if isinstance(value, str):
        for old, new in renames.items():
            value = value.replace(old, new)
    return value


def _find_task(account: Account, query: Mapping[str, Any]) -> Task | None:
    tasks = _tasks(account)
    task_id, conversion_id = query.get("task_id"), query.get("conversion_id")
    if task_id is not None:
        task = tasks.get(task_id)
        if task is None or (conversion_id is not None and conversion_id not in task.conversion_ids):
            return None
        return task
    return next((t for t in tasks.values() if conversion_id in t.conversion_ids), None)


def _before(earlier: float | str, later: float | str) -> bool:
    """Whether one instant precedes another; a bound is an ISO 8601 string. A bound that names
    no real instant (``2026-02-31``) is compared as text with the record's ``createdAt``, as a
    string-keyed store would."""
    texts = [value if isinstance(value, str) else _vendor_time(value) for value in (earlier, later)]
    try:
        first, second = (_utc(text) for text in texts)
    except ValueError:
        return texts[0] < texts[1]
    return first < second


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _page_key(task_id: str) -> str:
    return base64.urlsafe_b64encode(task_id.encode()).decode().rstrip("=")


def _task_id_of(key: str) -> str:
    try:
        return base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode()
    except ValueError:  # not base64, not ASCII, not UTF-8: a key never issued here
        return ""


def _record(task: Task) -> dict[str, JSON]:
    return _song_record(task) if len(task.conversion_ids) == 2 else _single_record(task)


def _common(task: Task) -> dict[str, JSON]:
    return {
        "task_id": task.task_id,
        "feature": task.feature,
        "status": task.status,
        "webhook_url": task.inputs.get("webhook_url"),
        "createdAt": _vendor_time(task.created_at),
        "updatedAt": _vendor_time(task.updated_at),
    }


def _song_record(task: Task) -> dict[str, JSON]:
    record = _common(task)
    record["message"] = "Audio conversion completed" if task.produced else task.failure or ""
    title = task.inputs.get("title") or (task.inputs.get("prompt") or "Untitled")[:40]
    style = task.inputs.get("music_style") or "Generated"
    for n, conversion_id in enumerate(task.conversion_ids, start=1):
        record[f"conversion_id_{n}"] = conversion_id
        record[f"title_{n}"] = title if n == 1 else f"{title} (Take {n})"
        record[f"lyrics_{n}"] = (
            None if task.inputs.get("make_instrumental") else task.inputs.get("lyrics")
        )
        record[f"sounds_{n}"] = style
        record[f"conversion_path_{n}"] = _file(conversion_id, "mp3") if task.produced else None
        record[f"conversion_path_wav_{n}"] = _file(conversion_id, "wav") if task.produced else None
        record[f"conversion_duration_{n}"] = _duration(conversion_id) if task.produced else None
        record[f"lyrics_timestamped_{n}"] = None
    cover = task.produced and bool(task.inputs.get("generate_album_cover"))
    record["album_cover_path"] = f"{FILES}/album_covers/{task.task_id}.png" if cover else None
    record["album_cover_thumbnail"] = (
        f"{FILES}/album_covers/{task.task_id}_thumb.png" if cover else None
    )
    record["is_streaming_request"] = False
    record["is_streaming_available"] = False
    record["generation_completed_at"] = _completed_time(task.updated_at) if task.produced else None
    return record


def _single_record(task: Task) -> dict[str, JSON]:
    (conversion_id,) = task.conversion_ids
    record = _common(task)
    url = _file(conversion_id, "mp3") if task.produced else None
    record.update(
        conversion_id=conversion_id,
        status_msg=_status_message(task),
        audio_url=url,
        conversion_path=url,
        conversion_duration=_duration(conversion_id) if task.produced else None,
        conversion_cost=task.cost if task.produced else None,
    )
    return record


def _status_message(task: Task) -> str:
    if not task.done:
        return "Conversion in progress"
    return task.failure or "Conversion completed successfully"


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
        "credit_estimate": call.op.price,
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
