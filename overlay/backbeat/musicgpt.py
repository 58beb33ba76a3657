"""MusicGPT: `MusicGPT` and `AsyncMusicGPT`, thin maps from methods to generated calls."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict, TypeVar, Unpack, cast

import attrs
import musicgpt_client
from musicgpt_client import models
from musicgpt_client.api.audio import change_voice, extract_stems
from musicgpt_client.api.generation import generate_lyrics, generate_music, text_to_speech
from musicgpt_client.api.tasks import get_conversion
from musicgpt_client.api.voices import list_voices, search_voices
from musicgpt_client.models import (
    ChangeVoiceRequest,
    Conversion,
    ConversionDetails,
    ConversionStarted,
    ExtractStemsRequest,
    GenerateMusicRequest,
    LyricsResult,
    MusicGenerationStarted,
    TextToSpeechRequest,
    VoicePage,
)
from musicgpt_client.types import UNSET, File

from ._client import APIProfile, AsyncClient, Call, SyncClient, itself, none_as
from ._polling import Polling
from ._uploads import AudioInput, audio_fields

__all__ = ["AsyncMusicGPT", "MusicGPT"]

_unset = none_as(UNSET)

# The vendor puts the human text under `error` (most endpoints) or `message` (some).
MUSICGPT = APIProfile.of(
    musicgpt_client, name="MusicGPT", message_fields=("error", "message", "detail")
)
DEFAULT_WAIT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
ModelT = TypeVar("ModelT")
# conversionType is an open string in the spec: known values and new ones alike.
Kind = str


class MusicOptions(TypedDict, total=False):
    prompt: str
    music_style: str
    lyrics: str
    title: str
    make_instrumental: bool
    vocal_only: bool
    gender: str
    voice_id: str
    generate_album_cover: bool
    lyrics_timestamps: bool
    model: str
    webhook_url: str


class SpeechOptions(TypedDict, total=False):
    voice_id: str
    sample_audio_url: str
    gender: str
    webhook_url: str


class StemOptions(TypedDict, total=False):
    stems: Sequence[str] | str
    preprocessing_options: Sequence[str] | str
    eco_mode: bool
    webhook_url: str


class VoiceChangeOptions(TypedDict, total=False):
    remove_background: bool
    pitch: int
    webhook_url: str


class PageOptions(TypedDict, total=False):
    limit: int | None
    page: int | None


class ConversionQuery(TypedDict, total=False):
    task_id: str | None
    conversion_id: str | None


class WaitOptions(ConversionQuery, total=False):
    timeout: float
    poll_interval: float


def _body(model: type[ModelT], values: Mapping[str, Any]) -> ModelT:
    """Build a generated request model from keyword arguments; None means "leave out"."""
    known = set(attrs.fields_dict(cast(Any, model))) - {"additional_properties"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(unknown)}")
    return model(**{name: value for name, value in values.items() if value is not None})


def _json_list(value: Sequence[str] | str | None) -> str | None:
    return value if value is None or isinstance(value, str) else json.dumps(list(value))


def _generate_music_call(**options: Unpack[MusicOptions]) -> Call[Any, MusicGenerationStarted]:
    values: dict[str, Any] = dict(options)
    if "model" in values:
        values["model"] = models.MusicModel(values["model"])
    body = _body(GenerateMusicRequest, values)
    return Call("generateMusic", generate_music, {"body": body}, MusicGenerationStarted, itself)


def _conversion_call(
    conversion_type: Kind, **query: Unpack[ConversionQuery]
) -> Call[ConversionDetails, Conversion]:
    if not (query.get("task_id") or query.get("conversion_id")):
        raise ValueError("pass task_id or conversion_id")
    kwargs = {
        "conversion_type": str(conversion_type),
        "task_id": _unset(query.get("task_id")),
        "conversion_id": _unset(query.get("conversion_id")),
    }
    return Call("getConversion", get_conversion, kwargs, ConversionDetails, _conversion_of)


def _voices_call(query: str | None, **page: Unpack[PageOptions]) -> Call[VoicePage, VoicePage]:
    kwargs: dict[str, Any] = {"limit": _unset(page.get("limit")), "page": _unset(page.get("page"))}
    if query is None:
        return Call("listVoices", list_voices, kwargs, VoicePage, itself)
    return Call("searchVoices", search_voices, {"query": query, **kwargs}, VoicePage, itself)


def _speech_call(text: str, **options: Unpack[SpeechOptions]) -> Call[Any, ConversionStarted]:
    body = _body(TextToSpeechRequest, {"text": text, **options})
    return Call("textToSpeech", text_to_speech, {"body": body}, ConversionStarted, itself)


def _stems_call(audio: AudioInput, **options: Unpack[StemOptions]) -> Call[Any, ConversionStarted]:
    values: dict[str, Any] = {**options, **audio_fields(audio, File)}
    for name in ("stems", "preprocessing_options"):
        values[name] = _json_list(values.get(name))
    body = _body(ExtractStemsRequest, values)
    return Call("extractStems", extract_stems, {"body": body}, ConversionStarted, itself)


def _voice_change_call(
    audio: AudioInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
) -> Call[Any, ConversionStarted]:
    values: dict[str, Any] = {"voice_id": voice_id, **options, **audio_fields(audio, File)}
    if values.get("remove_background") is not None:
        values["remove_background"] = models.ChangeVoiceRequestRemoveBackground(
            int(bool(values["remove_background"]))
        )
    body = _body(ChangeVoiceRequest, values)
    return Call("changeVoice", change_voice, {"body": body}, ConversionStarted, itself)


def _lyrics_call(prompt: str) -> Call[LyricsResult, LyricsResult]:
    return Call("generateLyrics", generate_lyrics, {"prompt": prompt}, LyricsResult, itself)


def _polling(
    wait: WaitOptions, clock: Callable[[], float]
) -> tuple[Polling[Conversion], ConversionQuery]:
    """The poll schedule, and the query that identifies the task."""
    polling: Polling[Conversion] = Polling(
        status_of=_status_of,
        timeout=wait.get("timeout", DEFAULT_WAIT_TIMEOUT),
        interval=wait.get("poll_interval", DEFAULT_POLL_INTERVAL),
        clock=clock,
    )
    query = ConversionQuery(task_id=wait.get("task_id"), conversion_id=wait.get("conversion_id"))
    return polling, query


class MusicGPT(SyncClient):
    """MusicGPT client. Key from `api_key` or `MUSICGPT_API_KEY` (sent raw in `Authorization`);
    base URL from `base_url`, `MUSICGPT_BASE_URL` or production. POST conversions are retried
    only when they certainly never reached the server (or were refused with 429)."""

    profile = MUSICGPT

    def generate_music(self, **options: Unpack[MusicOptions]) -> MusicGenerationStarted:
        """Start two tracks from `prompt`, or from `lyrics` and `music_style`."""
        return self._request(_generate_music_call(**options))

    def get_conversion(self, conversion_type: Kind, **query: Unpack[ConversionQuery]) -> Conversion:
        """The current record of a task, by `task_id` or `conversion_id` (free)."""
        return self._request(_conversion_call(conversion_type, **query))

    def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(None, **page))

    def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(query, **page))

    def text_to_speech(self, text: str, **options: Unpack[SpeechOptions]) -> ConversionStarted:
        return self._request(_speech_call(text, **options))

    def extract_stems(self, audio: AudioInput, **options: Unpack[StemOptions]) -> ConversionStarted:
        """`audio`: a path, a binary file object, or an http(s) URL; `stems`: a list of names."""
        return self._request(_stems_call(audio, **options))

    def change_voice(
        self, audio: AudioInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
    ) -> ConversionStarted:
        """`audio`: a path, a binary file object, or an http(s) URL."""
        return self._request(_voice_change_call(audio, voice_id, **options))

    def generate_lyrics(self, prompt: str) -> LyricsResult:
        return self._request(_lyrics_call(prompt))

    def wait_for_conversion(self, conversion_type: Kind, **wait: Unpack[WaitOptions]) -> Conversion:
        """Poll `get_conversion` (`task_id` or `conversion_id`) every `poll_interval` seconds,
        growing, until COMPLETED; `ConversionFailedError` on ERROR or FAILED,
        `ConversionTimeoutError` when still running after `timeout` seconds."""
        polling, query = _polling(wait, self._clock)
        for pause in polling:
            self._pause(pause)
            polling.record(self.get_conversion(conversion_type, **query))
        return polling.result()


class AsyncMusicGPT(AsyncClient):
    """`MusicGPT` for asyncio: the same methods, awaited; the same retry engine."""

    profile = MUSICGPT

    async def generate_music(self, **options: Unpack[MusicOptions]) -> MusicGenerationStarted:
        return await self._request(_generate_music_call(**options))

    async def get_conversion(
        self, conversion_type: Kind, **query: Unpack[ConversionQuery]
    ) -> Conversion:
        return await self._request(_conversion_call(conversion_type, **query))

    async def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(None, **page))

    async def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(query, **page))

    async def text_to_speech(
        self, text: str, **options: Unpack[SpeechOptions]
    ) -> ConversionStarted:
        return await self._request(_speech_call(text, **options))

    async def extract_stems(
        self, audio: AudioInput, **options: Unpack[StemOptions]
    ) -> ConversionStarted:
        return await self._request(_stems_call(audio, **options))

    async def change_voice(
        self, audio: AudioInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
    ) -> ConversionStarted:
        return await self._request(_voice_change_call(audio, voice_id, **options))

    async def generate_lyrics(self, prompt: str) -> LyricsResult:
        return await self._request(_lyrics_call(prompt))

    async def wait_for_conversion(
        self, conversion_type: Kind, **wait: Unpack[WaitOptions]
    ) -> Conversion:
        polling, query = _polling(wait, self._clock)
        for pause in polling:
            await self._pause(pause)
            polling.record(await self.get_conversion(conversion_type, **query))
        return polling.result()


def _conversion_of(details: ConversionDetails, response: Any) -> Conversion:
    return details.conversion


def _status_of(conversion: Conversion) -> str | None:
    return conversion.status if isinstance(conversion.status, str) else None
