"""MusicGPT webhooks: a delivered body, read into a typed event (`parse_webhook`, also
exported by `backbeat.musicgpt`).

The event classes are generated from the spec's `webhooks` (tools/gen_webhooks.py; see
docs/generation.md) and read through the same generated readers as responses. The vendor
signs nothing and versions nothing, and its samples disagree on types (a cost is a number in
one payload and a string in the next), so the reading is structural and tolerant: the payload
schema follows from the fields a body carries, a field that holds something unexpected reads
as None, and the body itself stays on the event (`event.body`, `event.extra`). Only a body that
cannot be a MusicGPT webhook at all raises `InvalidWebhook`, a `ValueError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

from ._generated.musicgpt.webhooks import (
    BASE_ATTRIBUTES,
    PAYLOADS,
    AlbumCoverEvent,
    AudioEvent,
    CleanupEvent,
    FileEvent,
    KeyBpmEvent,
    LyricsTimestampsEvent,
    MidiEvent,
    SoundEvent,
    StatusEvent,
    StemsEvent,
    StreamingEvent,
    TranscriptionEvent,
    WebhookEvent,
)
from ._webhook_reading import Body, Payload, read_event

__all__ = [
    "AlbumCoverEvent",
    "AnyWebhookEvent",
    "AudioEvent",
    "CleanupEvent",
    "FileEvent",
    "InvalidWebhook",
    "KeyBpmEvent",
    "LyricsTimestampsEvent",
    "MidiEvent",
    "SoundEvent",
    "StatusEvent",
    "StemsEvent",
    "StreamingEvent",
    "TranscriptionEvent",
    "WebhookEvent",
    "parse_webhook",
]

AnyWebhookEvent: TypeAlias = (
    AudioEvent
    | LyricsTimestampsEvent
    | StreamingEvent
    | AlbumCoverEvent
    | StemsEvent
    | CleanupEvent
    | KeyBpmEvent
    | TranscriptionEvent
    | FileEvent
    | MidiEvent
    | SoundEvent
    | StatusEvent
    | WebhookEvent
)
"""Every class `parse_webhook` returns (all are `WebhookEvent`s; the base for an unknown shape),
for a `match` over them."""


class InvalidWebhook(ValueError):
    """The body is not a MusicGPT webhook: not JSON, not an object, or without the two fields
    every payload of the spec's `webhooks` carries, `task_id` and `conversion_type`."""


def parse_webhook(body: bytes | bytearray | memoryview | str | Mapping[str, Any]) -> WebhookEvent:
    """The typed event of a MusicGPT webhook body (the raw request body, or its parsed JSON).

    The class says what arrived (`AudioEvent`, `StemsEvent`, ...; `WebhookEvent` itself for a
    shape this version does not know). Raises `InvalidWebhook` (a `ValueError`) when the body
    is not JSON, not an object, or lacks the `task_id` or `conversion_type` string;
    `TypeError` when `body` is none of the accepted Python types.
    """
    fields_ = _as_mapping(body)
    task_id = fields_.get("task_id")
    if not isinstance(task_id, str) or not task_id.strip():
        raise InvalidWebhook("not a MusicGPT webhook: no task_id string")
    if not isinstance(fields_.get("conversion_type"), str):
        raise InvalidWebhook("not a MusicGPT webhook: no conversion_type string")
    event: WebhookEvent = read_event(_payload_of(fields_), WebhookEvent, BASE_ATTRIBUTES, fields_)
    return event


def _payload_of(body: Body) -> Payload | None:
    """The payload schema that explains the body best: the most of its distinguishing keys,
    then the most of its keys; none when the body has no distinguishing key of any."""
    best, best_score = None, (0, 0)
    for payload in PAYLOADS:
        score = (len(payload.marks.intersection(body)), len(payload.keys.intersection(body)))
        if score[0] and score > best_score:
            best, best_score = payload, score
    return best


def _as_mapping(body: object) -> Body:
    if isinstance(body, Mapping):
        decoded: object = body
    elif isinstance(body, bytes | bytearray | memoryview | str):
        try:
            decoded = json.loads(bytes(body) if not isinstance(body, str) else body)
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise InvalidWebhook(
                f"not a MusicGPT webhook: the body is not JSON ({error})"
            ) from None
    else:
        raise TypeError(f"a webhook body is bytes, str or a dict, not {type(body).__name__}")
    if not isinstance(decoded, Mapping):
        raise InvalidWebhook(
            f"not a MusicGPT webhook: the body is a JSON {type(decoded).__name__}, not an object"
        )
    return MappingProxyType(dict(decoded))
