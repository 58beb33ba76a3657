"""MusicGPT webhooks: a delivered body, read into a typed event (`parse_webhook`, also
exported by `backbeat.musicgpt`). The event classes live here.

The vendor signs nothing and versions nothing, and its samples disagree on types (a cost is a
number in one payload and a string in the next). So the reading is structural and tolerant:
the event class follows from the fields a body carries, a typed field that holds something
unexpected reads as None, and the body itself stays on the event (`event.body`, `event.extra`).
Only a body that cannot be a MusicGPT webhook at all raises `InvalidWebhook`, a `ValueError`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar

__all__ = [
    "AlbumCoverEvent",
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

Body = Mapping[str, Any]


class InvalidWebhook(ValueError):
    """The body is not a MusicGPT webhook: not JSON, not an object, or without the two fields
    every payload of the spec's `webhooks` carries, `task_id` and `conversion_type`."""


@dataclass(frozen=True, kw_only=True)
class WebhookEvent:
    """What every MusicGPT webhook carries. A body of a shape this version does not know
    parses into this class itself, so a new vendor payload never breaks a receiver.
    """

    task_id: str
    conversion_id: str | None
    conversion_type: str | None
    """The vendor's display label (`"Text To Speech"`), not `get_conversion`'s type."""
    subtype: str | None
    """Which of a song task's webhooks this is (`"music_ai"`, `"album_cover_generation"`)."""
    success: bool | None
    message: str | None
    conversion_cost: float | None
    """The actual cost, read from a number or a numeric string (the vendor sends both)."""
    conversion_duration: float | None
    body: Body = field(repr=False, compare=False)
    """The whole body as received; `extra` holds the fields no attribute reads."""

    # Attributes read from body fields of other names: the first present one for a single
    # value; all present ones for a mapping (see CleanupEvent).
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    @property
    def extra(self) -> Body:
        """Body fields that no attribute of this class reads (new vendor fields land here)."""
        read = {f.name for f in fields(self)}.union(*self.sources.values())
        return MappingProxyType({k: v for k, v in self.body.items() if k not in read})

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return False


@dataclass(frozen=True, kw_only=True)
class AudioEvent(WebhookEvent):
    """A finished output file: a song (Music AI, Remix, Extend, Inpaint, Sing Over ...; one
    event per track, `subtype` "music_ai" or "remix"), speech, a changed voice, a cover, or a
    generated image. `conversion_path` is the file's URL (an MP3, or the image),
    `conversion_path_wav` a lossless copy where the operation makes one; `lyrics` are a song's
    words as sung (`lyrics_timestamped`: the vendor's JSON string of timed lines); `is_flagged`
    is true when the vendor withheld or marked the output, and `reason` says why."""

    conversion_path: str | None = None
    conversion_path_wav: str | None = None
    title: str | None = None
    lyrics: str | None = None
    lyrics_timestamped: str | None = None
    album_cover_path: str | None = None
    is_flagged: bool | None = None
    reason: str | None = None

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "conversion_path" in body or "conversion_path_wav" in body


@dataclass(frozen=True, kw_only=True)
class LyricsTimestampsEvent(WebhookEvent):
    """Timestamped lyrics of one track (`subtype` "lyrics_timestamped"): `lyrics_timestamped`
    is the vendor's JSON string; `lines` is it decoded (`start`/`end` in milliseconds)."""

    lyrics_timestamped: str | None = None

    @property
    def lines(self) -> list[dict[str, Any]]:
        decoded = _json_value(self.lyrics_timestamped)
        return [x for x in decoded if isinstance(x, dict)] if isinstance(decoded, list) else []

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return body.get("subtype") == "lyrics_timestamped"


@dataclass(frozen=True, kw_only=True)
class StreamingEvent(WebhookEvent):
    """A track can be streamed before it is finished (`/v2/MusicAI`, `subtype`
    "audio_streaming"): `streaming_url` is an HLS playlist (`.m3u8`)."""

    streaming_url: str | None = None

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "streaming_url" in body or body.get("subtype") == "audio_streaming"


@dataclass(frozen=True, kw_only=True)
class AlbumCoverEvent(WebhookEvent):
    """The album cover of a song task (`subtype` "album_cover_generation"), for both tracks."""

    image_path: str | None = None
    thumbnail_path: str | None = None
    image_paths: tuple[str, ...] = ()
    thumbnail_paths: tuple[str, ...] = ()
    conversion_id_1: str | None = None
    conversion_id_2: str | None = None
    album_cover_generator_output: bool | None = None

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return (
            "image_paths" in body
            or "album_cover_generator_output" in body
            or body.get("subtype") == "album_cover_generation"
        )


@dataclass(frozen=True, kw_only=True)
class StemsEvent(WebhookEvent):
    """Extracted stems: `stems` maps a stem name to its MP3 URL (the vendor sends that map as
    a JSON string in `audio_url`)."""

    stems: Mapping[str, str] = field(default_factory=dict)
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"stems": ("audio_url",)}

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return isinstance(_json_value(body.get("audio_url")), dict)


@dataclass(frozen=True, kw_only=True)
class CleanupEvent(WebhookEvent):
    """Denoise, deecho or dereverb. `files` holds the URL fields as sent (e.g. `no_noise`,
    `noise`, `noise_wav`); the vendor's own samples disagree on which of the dereverb files
    is which, so they are not renamed here. `audio_path` is the input."""

    audio_path: str | None = None
    files: Mapping[str, str] = field(default_factory=dict)
    file_fields: ClassVar[tuple[str, ...]] = (
        "no_noise", "noise", "noise_wav", "no_echo", "echo", "no_echo_wav",
        "noreverb", "reverb", "reverb_wav",
    )  # fmt: skip
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"files": file_fields}

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return any(name in body for name in cls.file_fields)


@dataclass(frozen=True, kw_only=True)
class KeyBpmEvent(WebhookEvent):
    """Key and tempo: `key_changes` maps a time range in seconds ("0-120") to the keys heard."""

    audio_path: str | None = None
    dominant_key: str | None = None
    bpm: float | None = None
    key_changes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "dominant_key" in body or "key_changes" in body or "bpm" in body


@dataclass(frozen=True, kw_only=True)
class TranscriptionEvent(WebhookEvent):
    """A transcript (and a translation when one was asked for)."""

    transcription: str | None = None
    translation: str | None = None
    detected_language: str | None = None
    word_timestamps: tuple[Any, ...] = ()

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "transcription" in body or "detected_language" in body


@dataclass(frozen=True, kw_only=True)
class MidiEvent(WebhookEvent):
    """Audio to MIDI: the MIDI file, its rendering as audio, and the note events (CSV)."""

    midi_file_path: str | None = None
    sonify_file_path: str | None = None
    notes_file_path: str | None = None

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "midi_file_path" in body


@dataclass(frozen=True, kw_only=True)
class FileEvent(WebhookEvent):
    """One processed file: mastering, cutting, a speed change (`output_file`) or a format
    conversion (the vendor names that one `output_file_path`; both read into `output_file`)."""

    output_file: str | None = None
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "output_file": ("output_file", "output_file_path")
    }

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "output_file" in body or "output_file_path" in body


@dataclass(frozen=True, kw_only=True)
class SoundEvent(WebhookEvent):
    """Generated sound effects: URL and length per conversion id."""

    conversion_paths: Mapping[str, str] = field(default_factory=dict)
    conversion_durations: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "conversion_paths" in body


@dataclass(frozen=True, kw_only=True)
class StatusEvent(WebhookEvent):
    """The generic payload of the vendor's webhook page: a status and one result URL."""

    status: str | None = None
    """An open string; `COMPLETED`, `ERROR` and `FAILED` are final."""
    status_msg: str | None = None
    audio_url: str | None = None
    title: str | None = None
    created_at: str | None = None
    """`createdAt` and `updatedAt` as sent (the vendor's timestamp formats vary)."""
    updated_at: str | None = None
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "created_at": ("createdAt",),
        "updated_at": ("updatedAt",),
    }

    @classmethod
    def _matches(cls, body: Body) -> bool:
        return "status" in body or "status_msg" in body


# Most specific first: a song's album-cover and lyrics events also carry ids and labels.
EVENT_CLASSES: tuple[type[WebhookEvent], ...] = (
    AlbumCoverEvent,
    StreamingEvent,
    LyricsTimestampsEvent,
    KeyBpmEvent,
    TranscriptionEvent,
    MidiEvent,
    SoundEvent,
    FileEvent,
    CleanupEvent,
    StemsEvent,
    AudioEvent,
    StatusEvent,
)


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
    event_class = next((c for c in EVENT_CLASSES if c._matches(fields_)), WebhookEvent)
    return event_class(**_read(event_class, fields_))


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


def _read(event_class: type[WebhookEvent], body: Body) -> dict[str, Any]:
    """Constructor arguments: each declared field read with the reader its type calls for."""
    values: dict[str, Any] = {"body": body}
    for declared in fields(event_class):
        if declared.name == "body":
            continue
        names = event_class.sources.get(declared.name, (declared.name,))
        present = [name for name in names if name in body]
        annotation = str(declared.type)
        if len(names) > 1 and annotation.startswith("Mapping"):
            raw: object = {name: body[name] for name in present}
        else:
            raw = body[present[0]] if present else None
        value = (READERS.get(declared.name) or _reader_for(annotation))(raw)
        required = declared.default is MISSING and declared.default_factory is MISSING
        if value is not None or required:
            values[declared.name] = value
    return values


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> float | None:
    """A finite number from a number or a numeric string (the vendor sends both)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _strings(value: object) -> tuple[str, ...] | dict[str, str] | None:
    """A list of strings or a string-valued map, keeping only the string entries."""
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items() if isinstance(v, str)}
    return None


def _json_value(value: object) -> object:
    """A JSON string decoded (the vendor nests JSON in strings); other values as they are."""
    if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return None
    return value


def _stem_urls(value: object) -> tuple[str, ...] | dict[str, str] | None:
    return _strings(_json_value(value))


def _key_changes(value: object) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, Mapping):
        return None
    return {
        str(span): tuple(key for key in keys if isinstance(key, str))
        for span, keys in value.items()
        if isinstance(keys, list)
    }


def _numbers(value: object) -> dict[str, float] | None:
    if not isinstance(value, Mapping):
        return None
    numbers = {str(k): _number(v) for k, v in value.items()}
    return {k: v for k, v in numbers.items() if v is not None}


def _anything_listed(value: object) -> tuple[Any, ...] | None:
    return tuple(value) if isinstance(value, list) else None


# Readers by field name where the annotation alone does not say how to read the value.
READERS: dict[str, Callable[[object], object]] = {
    "stems": _stem_urls,
    "key_changes": _key_changes,
    "conversion_durations": _numbers,
    "word_timestamps": _anything_listed,
}


def _reader_for(annotation: str) -> Callable[[object], object]:
    if annotation.startswith("float"):
        return _number
    if annotation.startswith("bool"):
        return _boolean
    if annotation.startswith(("tuple[str", "Mapping[str, str]")):
        return _strings
    return _string
