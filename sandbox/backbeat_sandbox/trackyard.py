"""Trackyard: magic keys, error shape, rate-limit headers and the four operations."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence

from backbeat_specs import SPEC_FILES

from . import audio, catalog
from .accounts import Account, Limit, Profile
from .clock import timestamp
from .engine import AuthFailure, Call
from .replies import Reply
from .spec import JSON, Operation, Spec
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


def _tier(
    tier: str,
    credits: int,
    per_minute: int,
    per_day: int | None,
    allowance: int,
    *,
    revoked: bool = False,
    role: str | None = None,
) -> Profile:
    limits = [Limit("minute", MINUTE, per_minute)]
    if per_day is not None:
        limits.append(Limit("day", DAY, per_day))
    details = {"tier": tier, "monthly_allowance": allowance}
    return Profile(credits, tuple(limits), revoked, role, details)


FREE = _tier("free", 50, 5, 50, 0)
STARTER = _tier("starter", 300, 10, 500, 300)
PRO = _tier("pro", 50_000, 300, None, 50_000)
PROFILES: Mapping[str, Profile] = {
    "ty_test_free": FREE,
    "ty_test_starter": STARTER,
    "ty_test_pro": PRO,
    "ty_test_exhausted": _tier("starter", 0, 10, 500, 300),
    "ty_test_revoked": _tier("starter", 300, 10, 500, 300, revoked=True),
    # Refused where the spec provokes a 403 with the `forbidden` key role (downloadTrack).
    "ty_test_nodownload": _tier("starter", 300, 10, 500, 300, role="forbidden"),
    "ty_test_tinylimit": _tier("starter", 300, 2, 500, 300),
    "ty_test_burst": _tier("pro", 50, 100_000, None, 50_000),
    "ty_test_load": _tier("pro", 1_000_000_000, 1_000_000, None, 50_000),
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


class Trackyard:
    spec_file = SPEC_FILES["trackyard"]
    max_body_bytes = 64 * 1024  # the spec's info.description promises 400 above 64 KiB
    profiles = PROFILES

    handlers: Mapping[str, Callable[[Call], Reply]] = {
        "search": _search,
        "downloadTrack": _download,
        "getMe": _me,
        "listUsage": _usage,
    }

    def error(self, status: int, message: str, code: str | None = None) -> JSON:
        return error_body(status, message, code)

    def auth_failure(self, kind: AuthFailure) -> Reply:
        return Reply(401, self.error(401, AUTH_MESSAGES[kind]))

    def bind(self, spec: Spec) -> None:
        pass  # everything Trackyard reads from its spec, the engine reads for it

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
