"""Trackyard: magic keys, error shape, rate-limit headers and the four operations."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from backbeat_specs import SPEC_FILES, Plan

from . import audio, catalog
from .accounts import Account, Limit, Profile
from .clock import timestamp
from .engine import AuthFailure, Call, Handler, handlers_for
from .replies import Reply
from .spec import JSON, Operation, Spec, SpecError
from .validation import Arguments, Invalid
from .webhooks import Delivery

MINUTE, DAY = 60, 86_400
SERVER_ERROR_TRACK = "trk_server_error"
# The track of the spec's download examples: a forced download without a valid request.
EXAMPLE_TRACK = "trk_abc123"
REASONS = {400: "Bad Request", 401: "Unauthorized", 402: "Out of credits", 403: "Forbidden",
           404: "Not Found", 405: "Method Not Allowed", 429: "Too Many Requests",
           500: "Internal Server Error"}  # fmt: skip
CODES = {400: "invalid_parameters", 401: "unauthorized", 402: "out_of_credits",
         403: "insufficient_permissions", 404: "track_not_found", 429: "rate_limit_exceeded",
         500: "internal_error"}  # fmt: skip


@dataclass(frozen=True)
class MagicKey:
    """A magic key's account: a plan of the spec's ``x-plans``, with what the key changes."""

    plan: str
    credits: int | None = None
    """The starting balance, where not the plan's."""
    per_minute: int | None = None
    """The per-minute limit, where not the plan's."""
    revoked: bool = False
    role: str | None = None
    """A key role of the spec's ``x-key-roles``: refused where `x-provoke` names it for a 403."""

    def profile(self, plans: Mapping[str, Plan]) -> Profile:
        plan = plans[self.plan]
        per_minute = self.per_minute or plan.requests_per_minute
        windows = (("minute", MINUTE, per_minute), ("day", DAY, plan.requests_per_day))
        limits = tuple(Limit(name, seconds, cap) for name, seconds, cap in windows if cap)
        credits = plan.credits if self.credits is None else self.credits
        details = {"tier": plan.name, "monthly_allowance": plan.monthly_allowance}
        return Profile(credits, limits, self.revoked, self.role, details)


MAGIC_KEYS: Mapping[str, MagicKey] = {
    "ty_test_free": MagicKey("free"),
    "ty_test_starter": MagicKey("starter"),
    "ty_test_pro": MagicKey("pro"),
    "ty_test_exhausted": MagicKey("starter", credits=0),
    "ty_test_revoked": MagicKey("starter", revoked=True),
    "ty_test_nodownload": MagicKey("starter", role="forbidden"),
    "ty_test_tinylimit": MagicKey("starter", per_minute=2),
    "ty_test_burst": MagicKey("pro", credits=50, per_minute=100_000),
    "ty_test_load": MagicKey("pro", credits=1_000_000_000, per_minute=1_000_000),
}
AUTH_MESSAGES: Mapping[AuthFailure, str] = {
    "missing": "Missing API key: send 'Authorization: Bearer <api_key>'",
    "malformed": "Malformed Authorization header: expected 'Bearer <api_key>'",
    "unknown": "Invalid API key",
    "revoked": "This API key has been revoked",
}


def error_body(status: int, message: str, code: str | None = None) -> dict[str, JSON]:
    return {
        "error": REASONS.get(status, "Error"),
        "message": message,
        "code": code or CODES.get(status, "error"),
    }


def _search(call: Call) -> Reply:
    body = call.args.body
    filters = body.get("filters")
    page = _page(
        body["query"],
        json.dumps(filters, sort_keys=True) if filters else "{}",  # hashable, whatever it holds
        int(body.get("limit", 20)),  # JSON Schema counts 17.0 as an integer
        int(body.get("offset", 0)),
    )
    return Reply(200, {"tracks": page, "credits_remaining": int(call.account.credits)})


@functools.lru_cache(maxsize=1024)  # the catalog never changes: a repeated search is a lookup
def _page(query: str, filters: str, limit: int, offset: int) -> list[Mapping[str, JSON]]:
    tracks = catalog.search(query, json.loads(filters), limit, offset)
    return [track.as_json for track in tracks]


def _download(call: Call) -> Reply:
    body = call.args.body
    track_id = body["track_id"]
    if track_id == SERVER_ERROR_TRACK:
        request_id = f"req_{call.sequence:08d}"
        error = error_body(500, "Download failed: the audio could not be rendered")
        return Reply(500, {**error, "request_id": request_id})
    track = catalog.BY_ID.get(track_id)
    if track is None:
        return Reply(404, error_body(404, "Track not found"))
    return _audio(track, body.get("duration_seconds"))


def _audio(track: catalog.Track, duration: float | None) -> Reply:
    """The MP3 of `track` (a clip of `duration` seconds), with headers that describe it."""
    seconds = min(duration or track.duration_seconds, track.duration_seconds)
    headers = {
        "Content-Disposition": f'attachment; filename="{_filename(track.title)}.mp3"',
        "X-Track-Id": track.id,
        "X-Track-Duration": _seconds_text(audio.duration_of(seconds)),
    }
    return Reply(200, audio.silence(seconds), headers, media_type="audio/mpeg")


def _me(call: Call) -> Reply:
    account = call.account
    minute, day = account.profile.limit("minute"), account.profile.limit("day")
    payload = {
        "tier": account.profile.details["tier"],
        "credits_remaining": int(account.credits),
        "monthly_allowance": account.profile.details["monthly_allowance"],
        "rate_limit": {
            "requests_per_minute": minute.allowance if minute else None,
            "requests_per_day": day.allowance if day else None,
        },
        "created_at": timestamp(account.created_at),
        "last_used_at": timestamp(account.last_used_at)
        if account.last_used_at is not None
        else None,
    }
    return Reply(200, payload)


def _usage(call: Call) -> Reply:
    limit, offset = int(call.args.query["limit"]), int(call.args.query["offset"])
    usage = call.account.usage
    first = min(offset, len(usage))  # the spec sets no maximum offset
    newest_first = itertools.islice(reversed(usage), first, first + limit)
    page = [
        {
            "timestamp": timestamp(record.timestamp),
            "endpoint": record.endpoint,
            "status_code": record.status_code,
            "credits_consumed": int(record.credits_consumed),
            "response_time_ms": record.response_time_ms,
        }
        for record in newest_first
    ]
    payload = {"usage": page, "total_count": len(usage), "offset": offset, "limit": limit}
    return Reply(200, payload)


def _filename(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "", title.replace(" ", "_")) or "track"


def _seconds_text(seconds: float) -> str:
    return f"{round(seconds, 2):g}"


BEHAVIOURS: Mapping[str, Handler] = {
    "catalog-search": _search,
    "track-download": _download,
    "key-details": _me,
    "usage-log": _usage,
}
"""What an operation's ``x-sandbox-behaviour`` may name."""


class Trackyard:
    spec_file = SPEC_FILES["trackyard"]
    max_body_bytes = 64 * 1024  # the spec's info.description promises 400 above 64 KiB

    def __init__(self) -> None:
        self.profiles: Mapping[str, Profile] = {}
        self.handlers: Mapping[str, Handler] = {}

    def error(self, status: int, message: str, code: str | None = None) -> JSON:
        return error_body(status, message, code)

    def auth_failure(self, kind: AuthFailure) -> Reply:
        return Reply(401, self.error(401, AUTH_MESSAGES[kind]))

    def bind(self, spec: Spec) -> None:
        """The magic keys' accounts on the spec's ``x-plans``; each operation's handler."""
        plans = spec.reader.plans
        missing = sorted({magic.plan for magic in MAGIC_KEYS.values()} - set(plans))
        if missing:
            problem = f"x-plans names no {', '.join(missing)}: the sandbox's magic keys are on them"
            raise SpecError(spec.reader.path, problem)
        self.profiles = {key: magic.profile(plans) for key, magic in MAGIC_KEYS.items()}
        self.handlers = handlers_for(spec, BEHAVIOURS)

    def advance(self, now: float) -> Sequence[Delivery]:
        return ()  # no background work, no webhooks

    def account_headers(self, account: Account, now: float) -> dict[str, str]:
        headers = {"X-Credits-Remaining": str(int(account.credits))}
        for limit, suffix in (
            (account.profile.limit("minute"), ""),
            (account.profile.limit("day"), "-Daily"),
        ):
            if limit is not None:
                headers[f"X-RateLimit-Limit{suffix}"] = str(limit.allowance)
                headers[f"X-RateLimit-Remaining{suffix}"] = str(account.remaining(limit, now))
        return headers

    def rejected(self, problem: Invalid) -> Reply:
        return Reply(400, self.error(400, problem.message))

    def complete_forced(self, op: Operation, args: Arguments | None, reply: Reply) -> Reply:
        """A forced audio success (`Prefer: code=200` on the download): real MP3 frames of the
        length X-Track-Duration states, for the requested track when the request is valid,
        else the documented one. JSON successes are real as documented."""
        if not reply.media_type.startswith("audio/"):
            return reply
        body = args.body if args is not None and isinstance(args.body, dict) else {}
        track = catalog.BY_ID.get(str(body.get("track_id"))) or catalog.BY_ID[EXAMPLE_TRACK]
        return _audio(track, body.get("duration_seconds"))

    def payment_required(self, account: Account, cost: float) -> Reply:
        return Reply(402, self.error(402, "Please top up or upgrade your plan"))
