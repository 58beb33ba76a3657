"""MusicGPT: `MusicGPT` and `AsyncMusicGPT`, thin maps from methods to generated calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypedDict, Unpack

import musicgpt_client
from musicgpt_client.models import (
    Conversion,
    ConversionDetails,
    ConversionStarted,
    ConversionType,
    LyricsResult,
    MusicGenerationStarted,
    VoicePage,
)

from ._calls import CallBuilder
from ._client import APIProfile, AsyncClient, Call, SyncClient
from ._polling import Polling
from ._uploads import MediaInput
from .musicgpt_webhooks import InvalidWebhook, WebhookEvent, parse_webhook

__all__ = [
    "AsyncMusicGPT",
    "InvalidWebhook",
    "MediaInput",
    "MusicGPT",
    "WebhookEvent",
    "parse_webhook",
]

# The vendor puts the human text under `error` (most endpoints) or `message` (some).
MUSICGPT = APIProfile.of(
    musicgpt_client, name="MusicGPT", message_fields=("error", "message", "detail")
)
_calls = CallBuilder(musicgpt_client)
DEFAULT_WAIT_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
Kind = ConversionType | str


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


def _generate_music_call(**options: Unpack[MusicOptions]) -> Call[Any, MusicGenerationStarted]:
    return _calls.call("generateMusic", MusicGenerationStarted, **options)


def _conversion_call(
    conversion_type: Kind, **query: Unpack[ConversionQuery]
) -> Call[ConversionDetails, Conversion]:
    if not (query.get("task_id") or query.get("conversion_id")):
        raise ValueError("pass task_id or conversion_id")
    return _calls.wrapped(
        "getConversion", ConversionDetails, _conversion_of, conversion_type=conversion_type, **query
    )


def _voices_call(query: str | None, **page: Unpack[PageOptions]) -> Call[VoicePage, VoicePage]:
    if query is None:
        return _calls.call("listVoices", VoicePage, **page)
    return _calls.call("searchVoices", VoicePage, query=query, **page)


def _speech_call(text: str, **options: Unpack[SpeechOptions]) -> Call[Any, ConversionStarted]:
    return _calls.call("textToSpeech", ConversionStarted, text=text, **options)


def _stems_call(audio: MediaInput, **options: Unpack[StemOptions]) -> Call[Any, ConversionStarted]:
    return _calls.call("extractStems", ConversionStarted, {"audio": audio}, **options)


def _voice_change_call(
    audio: MediaInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
) -> Call[Any, ConversionStarted]:
    media = {"audio": audio}
    return _calls.call("changeVoice", ConversionStarted, media, voice_id=voice_id, **options)


def _lyrics_call(prompt: str) -> Call[LyricsResult, LyricsResult]:
    return _calls.call("generateLyrics", LyricsResult, prompt=prompt)


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

    def extract_stems(self, audio: MediaInput, **options: Unpack[StemOptions]) -> ConversionStarted:
        """`audio`: a path, a binary file object, or an http(s) URL; `stems`: a list of names."""
        return self._request(_stems_call(audio, **options))

    def change_voice(
        self, audio: MediaInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
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
        self, audio: MediaInput, **options: Unpack[StemOptions]
    ) -> ConversionStarted:
        return await self._request(_stems_call(audio, **options))

    async def change_voice(
        self, audio: MediaInput, voice_id: str, **options: Unpack[VoiceChangeOptions]
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
