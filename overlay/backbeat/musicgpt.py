"""MusicGPT: `MusicGPT` and `AsyncMusicGPT`, one method per operation of the spec.

A method names its operationId and passes the caller's arguments on; `CallBuilder` finds the
generated endpoint, request model and success model, and converts values by the model's field
types. The methods come in families: generation, voice, stems and cleanup, utilities, images,
lookups. A media argument (`audio`, `reference_audio`, `image`) is a path, a binary file
object or an http(s) URL. Webhook bodies: `parse_webhook` (see `backbeat.musicgpt_webhooks`).
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date
from typing import Any, TypedDict, Unpack

import musicgpt_client
from musicgpt_client.models import (
    Conversion,
    ConversionDetails,
    ConversionPage,
    ConversionStarted,
    LyricsResult,
    MusicGenerationStarted,
    VoicePage,
)
from musicgpt_client.options import (
    ChangeAudioSpeedOptions,
    ChangeVoiceOptions,
    ConvertAudioToMidiOptions,
    ConvertFileOptions,
    CoverSongOptions,
    CutAudioOptions,
    DeechoAudioOptions,
    DenoiseAudioOptions,
    DereverbAudioOptions,
    ExtendSongOptions,
    ExtractKeyBpmOptions,
    ExtractStemsOptions,
    ExtractStemsV1Options,
    GenerateImageOptions,
    GenerateMusicOptions,
    GenerateMusicV1Options,
    GenerateSoundOptions,
    ImageToSongOptions,
    InpaintSongOptions,
    MasterAudioOptions,
    RemixSongOptions,
    SingOverInstrumentalOptions,
    SingOverVocalOptions,
    TextToSpeechOptions,
    TranscribeAudioOptions,
)

from ._calls import CallBuilder
from ._client import APIProfile, AsyncClient, Call, SyncClient
from ._paging import KeyPager
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
Media = MediaInput
Started = ConversionStarted  # the start of a one-output conversion
Song = MusicGenerationStarted  # the start of a two-track one


# A method's `**options` are its operation's optional request fields: TypedDicts written from
# the spec into the generated package (`musicgpt_client.options`, by tools/gen_options.py).
# What is sent is checked against the generated request model first: an unknown keyword or a
# missing required field is a TypeError, a value outside a field's enum a ValueError.


class PageOptions(TypedDict, total=False):
    limit: int | None
    page: int | None


class ConversionQuery(TypedDict, total=False):
    task_id: str | None
    conversion_id: str | None


class WaitOptions(ConversionQuery, total=False):
    timeout: float
    poll_interval: float


class ConversionFilter(TypedDict, total=False):
    """`list_user_conversions` filters; dates are ISO 8601 strings or `datetime`s."""

    conversion_type: str | None
    start_date: str | date | None
    end_date: str | date | None
    sort_order: str | None


class UserConversionsPage(ConversionFilter, total=False):
    limit: int | None
    last_evaluated_key: str | None


# A conversion's start call: `_start(operationId, result model, {"audio": ...}, **fields)`.
_start = _calls.call


def _deprecated(method: str, replacement: str) -> None:
    warnings.warn(
        f"MusicGPT.{method} calls a deprecated vendor endpoint; use {replacement}",
        DeprecationWarning,
        stacklevel=4,  # _deprecated, the method, its per-call-options wrapper
    )


def _conversion_call(
    conversion_type: str, **query: Unpack[ConversionQuery]
) -> Call[ConversionDetails, Conversion]:
    if not isinstance(conversion_type, str) or not conversion_type.strip():
        raise ValueError("conversion_type must be a non-empty string, e.g. 'MUSIC_AI'")
    if not (query.get("task_id") or query.get("conversion_id")):
        raise ValueError("pass task_id or conversion_id")
    return _calls.wrapped(
        "getConversion", ConversionDetails, _conversion_of, conversion_type=conversion_type, **query
    )


def _voices_call(query: str | None, **page: Unpack[PageOptions]) -> Call[VoicePage, VoicePage]:
    if query is None:
        return _calls.call("listVoices", VoicePage, **page)
    return _calls.call("searchVoices", VoicePage, query=query, **page)


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
    only when they certainly never reached the server (or were refused with 429).

    A start method answers at once with a `task_id` and the conversion id(s); wait for the
    result with `wait_for_conversion(<type>, task_id=...)`, the type named in the method's
    docstring, or have it delivered to a `webhook_url` and read it with `parse_webhook`.
    """

    profile = MUSICGPT

    # Generation: songs (two tracks each), sounds and lyrics.

    def generate_music(self, **options: Unpack[GenerateMusicOptions]) -> Song:
        """Two tracks from `prompt`, or from `lyrics` and `music_style`. Type MUSIC_AI."""
        return self._request(_start("generateMusic", Song, **options))

    def generate_music_v1(self, **options: Unpack[GenerateMusicV1Options]) -> Song:
        """Deprecated by the vendor (`/v1/MusicAI`): use `generate_music`. Type MUSIC_AI."""
        _deprecated("generate_music_v1", "generate_music")
        return self._request(_start("generateMusicV1", Song, **options))

    def remix_song(self, audio: Media, prompt: str, **options: Unpack[RemixSongOptions]) -> Song:
        """`audio` remade as `prompt` says. Type REMIX."""
        return self._request(_start("remixSong", Song, {"audio": audio}, prompt=prompt, **options))

    def extend_song(self, audio: Media, after: float, **options: Unpack[ExtendSongOptions]) -> Song:
        """`audio` continued from `after` seconds on. Type EXTEND."""
        return self._request(
            _start("extendSong", Song, {"audio": audio}, extend_after=after, **options)
        )

    def inpaint_song(
        self,
        audio: Media,
        prompt: str,
        start: float,
        end: float,
        **options: Unpack[InpaintSongOptions],
    ) -> Song:
        """`audio` with `start`..`end` (seconds) made anew as `prompt` says. Type INPAINT."""
        span = {"replace_start_at": start, "replace_end_at": end}
        media = {"audio": audio}
        return self._request(_start("inpaintSong", Song, media, prompt=prompt, **span, **options))

    def sing_over_instrumental(
        self, audio: Media, prompt: str, lyrics: str, **options: Unpack[SingOverInstrumentalOptions]
    ) -> Song:
        """`lyrics` sung over the instrumental `audio` as `prompt` says. Type
        SING_OVER_INSTRUMENTAL."""
        values = {"prompt": prompt, "lyrics": lyrics, **options}
        return self._request(_start("singOverInstrumental", Song, {"audio": audio}, **values))

    def sing_over_vocal(
        self, audio: Media, lyrics: str, **options: Unpack[SingOverVocalOptions]
    ) -> Song:
        """A new performance of `lyrics` over the vocal `audio`. Type SING_OVER_VOCAL."""
        return self._request(
            _start("singOverVocal", Song, {"audio": audio}, lyrics=lyrics, **options)
        )

    def generate_sound(self, prompt: str, **options: Unpack[GenerateSoundOptions]) -> Started:
        """A sound effect (form-urlencoded). Type SOUND_GENERATOR."""
        return self._request(_start("generateSound", Started, prompt=prompt, **options))

    def generate_lyrics(self, prompt: str) -> LyricsResult:
        """Song lyrics for `prompt`, in the response itself: nothing to wait for."""
        return self._request(_calls.call("generateLyrics", LyricsResult, prompt=prompt))

    # Voice: speech, voice changing, covers.

    def text_to_speech(self, text: str, **options: Unpack[TextToSpeechOptions]) -> Started:
        """`text` read aloud. Type TEXT_TO_SPEECH."""
        return self._request(_start("textToSpeech", Started, text=text, **options))

    def change_voice(
        self, audio: Media, voice_id: str, **options: Unpack[ChangeVoiceOptions]
    ) -> Started:
        """The voice in `audio` replaced by `voice_id`. Type VOICE_CONVERSION."""
        media = {"audio": audio}
        return self._request(_start("changeVoice", Started, media, voice_id=voice_id, **options))

    def cover_song(
        self, audio: Media, voice_id: str, **options: Unpack[CoverSongOptions]
    ) -> Started:
        """`audio` sung by `voice_id`. Type COVER."""
        return self._request(
            _start("coverSong", Started, {"audio": audio}, voice_id=voice_id, **options)
        )

    # Stems and cleanup.

    def extract_stems(self, audio: Media, **options: Unpack[ExtractStemsOptions]) -> Started:
        """`audio` split into `stems`. Type EXTRACTION."""
        return self._request(_start("extractStems", Started, {"audio": audio}, **options))

    def extract_stems_v1(self, audio: Media, **options: Unpack[ExtractStemsV1Options]) -> Started:
        """Deprecated by the vendor (`/v1/Extraction`): use `extract_stems`. Type EXTRACTION."""
        _deprecated("extract_stems_v1", "extract_stems")
        return self._request(_start("extractStemsV1", Started, {"audio": audio}, **options))

    def denoise_audio(self, audio: Media, **options: Unpack[DenoiseAudioOptions]) -> Started:
        """`audio` without background noise. Type DENOISING."""
        return self._request(_start("denoiseAudio", Started, {"audio": audio}, **options))

    def deecho_audio(self, audio: Media, **options: Unpack[DeechoAudioOptions]) -> Started:
        """`audio` without echo. Type DEECHO."""
        return self._request(_start("deechoAudio", Started, {"audio": audio}, **options))

    def dereverb_audio(self, audio: Media, **options: Unpack[DereverbAudioOptions]) -> Started:
        """`audio` without reverberation. Type DEREVERB."""
        return self._request(_start("dereverbAudio", Started, {"audio": audio}, **options))

    # Utilities: analysis, transcription, mastering, editing, formats.

    def extract_key_bpm(self, audio: Media, **options: Unpack[ExtractKeyBpmOptions]) -> Started:
        """The key, key changes and tempo of `audio`. Type KEY_BPM_EXTRACTION."""
        return self._request(_start("extractKeyBpm", Started, {"audio": audio}, **options))

    def transcribe_audio(self, audio: Media, **options: Unpack[TranscribeAudioOptions]) -> Started:
        """The words in `audio` (`language` unset: detected). Type AUDIO_TRANSCRIPTION."""
        return self._request(_start("transcribeAudio", Started, {"audio": audio}, **options))

    def master_audio(
        self, audio: Media, reference_audio: Media, **options: Unpack[MasterAudioOptions]
    ) -> Started:
        """`audio` mastered to sound like `reference_audio`. Type AUDIO_MASTERING."""
        media = {"audio": audio, "reference_audio": reference_audio}
        return self._request(_start("masterAudio", Started, media, **options))

    def cut_audio(
        self, audio: Media, start_ms: float, end_ms: float, **options: Unpack[CutAudioOptions]
    ) -> Started:
        """`audio` trimmed to `start_ms`..`end_ms`, in MILLISECONDS. Type AUDIO_CUTTER."""
        span = {"start_time": start_ms, "end_time": end_ms}
        return self._request(_start("cutAudio", Started, {"audio": audio}, **span, **options))

    def change_audio_speed(
        self, audio: Media, factor: float, **options: Unpack[ChangeAudioSpeedOptions]
    ) -> Started:
        """`audio` played `factor` (0.25 to 4) times as fast. Type AUDIO_SPEED_CHANGER."""
        values = {"speed_change_factor": factor, **options}
        return self._request(_start("changeAudioSpeed", Started, {"audio": audio}, **values))

    def convert_audio_to_midi(
        self, audio: Media, **options: Unpack[ConvertAudioToMidiOptions]
    ) -> Started:
        """The notes of `audio` as MIDI. Type AUDIO_TO_MIDI."""
        return self._request(_start("convertAudioToMidi", Started, {"audio": audio}, **options))

    def convert_file(
        self, audio: Media, target_format: str, **options: Unpack[ConvertFileOptions]
    ) -> Started:
        """`audio` in another format, sample rate or bit depth. Type FILE_CONVERT."""
        return self._request(
            _start("convertFile", Started, {"audio": audio}, target_format=target_format, **options)
        )

    # Images.

    def image_to_song(self, image: Media, **options: Unpack[ImageToSongOptions]) -> Song:
        """Two songs inspired by `image`. Type IMAGE_TO_SONG."""
        return self._request(_start("imageToSong", Song, {"image": image}, **options))

    def generate_image(self, **options: Unpack[GenerateImageOptions]) -> Started:
        """An image from `prompt` (form-urlencoded). Type IMAGE_GENERATOR."""
        return self._request(_start("generateImage", Started, **options))

    # Lookups: tasks, voices, history (free of charge).

    def get_conversion(self, conversion_type: str, **query: Unpack[ConversionQuery]) -> Conversion:
        """The current record of a task, by `task_id` or `conversion_id`. `conversion_type` is
        an open string: the type its start method names, e.g. `"COVER"`."""
        return self._request(_conversion_call(conversion_type, **query))

    def wait_for_conversion(self, conversion_type: str, **wait: Unpack[WaitOptions]) -> Conversion:
        """Poll `get_conversion` (`task_id` or `conversion_id`) every `poll_interval` seconds,
        growing, until COMPLETED; `ConversionFailedError` on ERROR or FAILED,
        `ConversionTimeoutError` when still running after `timeout` seconds."""
        polling, query = _polling(wait, self._clock)
        for pause in polling:
            self._pause(pause)
            polling.record(self.get_conversion(conversion_type, **query))
        return polling.result()

    def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(None, **page))

    def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return self._request(_voices_call(query, **page))

    def list_user_conversions(self, **query: Unpack[UserConversionsPage]) -> ConversionPage:
        """One page of the account's conversions; its `last_evaluated_key` asks for the next
        (`iter_conversions` does that). Not in the vendor's reference; its n8n node uses it."""
        return self._request(_calls.call("listUserConversions", ConversionPage, **query))

    def iter_conversions(
        self, *, page_size: int | None = None, **filters: Unpack[ConversionFilter]
    ) -> Iterator[Conversion]:
        """Every conversion of the account that matches `filters`, a page at a time."""
        pager = KeyPager()
        while pager.more:
            page = self.list_user_conversions(
                limit=page_size, last_evaluated_key=pager.key, **filters
            )
            yield from pager.take(page.conversions, page.last_evaluated_key)


class AsyncMusicGPT(AsyncClient):
    """`MusicGPT` for asyncio: the same methods, awaited; the same retry engine."""

    profile = MUSICGPT

    async def generate_music(self, **options: Unpack[GenerateMusicOptions]) -> Song:
        return await self._request(_start("generateMusic", Song, **options))

    async def generate_music_v1(self, **options: Unpack[GenerateMusicV1Options]) -> Song:
        _deprecated("generate_music_v1", "generate_music")
        return await self._request(_start("generateMusicV1", Song, **options))

    async def remix_song(
        self, audio: Media, prompt: str, **options: Unpack[RemixSongOptions]
    ) -> Song:
        values = {"prompt": prompt, **options}
        return await self._request(_start("remixSong", Song, {"audio": audio}, **values))

    async def extend_song(
        self, audio: Media, after: float, **options: Unpack[ExtendSongOptions]
    ) -> Song:
        values = {"extend_after": after, **options}
        return await self._request(_start("extendSong", Song, {"audio": audio}, **values))

    async def inpaint_song(
        self,
        audio: Media,
        prompt: str,
        start: float,
        end: float,
        **options: Unpack[InpaintSongOptions],
    ) -> Song:
        values = {"prompt": prompt, "replace_start_at": start, "replace_end_at": end, **options}
        return await self._request(_start("inpaintSong", Song, {"audio": audio}, **values))

    async def sing_over_instrumental(
        self, audio: Media, prompt: str, lyrics: str, **options: Unpack[SingOverInstrumentalOptions]
    ) -> Song:
        call = _start(
            "singOverInstrumental", Song, {"audio": audio}, prompt=prompt, lyrics=lyrics, **options
        )
        return await self._request(call)

    async def sing_over_vocal(
        self, audio: Media, lyrics: str, **options: Unpack[SingOverVocalOptions]
    ) -> Song:
        values = {"lyrics": lyrics, **options}
        return await self._request(_start("singOverVocal", Song, {"audio": audio}, **values))

    async def generate_sound(self, prompt: str, **options: Unpack[GenerateSoundOptions]) -> Started:
        return await self._request(_start("generateSound", Started, prompt=prompt, **options))

    async def generate_lyrics(self, prompt: str) -> LyricsResult:
        return await self._request(_calls.call("generateLyrics", LyricsResult, prompt=prompt))

    async def text_to_speech(self, text: str, **options: Unpack[TextToSpeechOptions]) -> Started:
        return await self._request(_start("textToSpeech", Started, text=text, **options))

    async def change_voice(
        self, audio: Media, voice_id: str, **options: Unpack[ChangeVoiceOptions]
    ) -> Started:
        values = {"voice_id": voice_id, **options}
        return await self._request(_start("changeVoice", Started, {"audio": audio}, **values))

    async def cover_song(
        self, audio: Media, voice_id: str, **options: Unpack[CoverSongOptions]
    ) -> Started:
        values = {"voice_id": voice_id, **options}
        return await self._request(_start("coverSong", Started, {"audio": audio}, **values))

    async def extract_stems(self, audio: Media, **options: Unpack[ExtractStemsOptions]) -> Started:
        return await self._request(_start("extractStems", Started, {"audio": audio}, **options))

    async def extract_stems_v1(
        self, audio: Media, **options: Unpack[ExtractStemsV1Options]
    ) -> Started:
        _deprecated("extract_stems_v1", "extract_stems")
        return await self._request(_start("extractStemsV1", Started, {"audio": audio}, **options))

    async def denoise_audio(self, audio: Media, **options: Unpack[DenoiseAudioOptions]) -> Started:
        return await self._request(_start("denoiseAudio", Started, {"audio": audio}, **options))

    async def deecho_audio(self, audio: Media, **options: Unpack[DeechoAudioOptions]) -> Started:
        return await self._request(_start("deechoAudio", Started, {"audio": audio}, **options))

    async def dereverb_audio(
        self, audio: Media, **options: Unpack[DereverbAudioOptions]
    ) -> Started:
        return await self._request(_start("dereverbAudio", Started, {"audio": audio}, **options))

    async def extract_key_bpm(
        self, audio: Media, **options: Unpack[ExtractKeyBpmOptions]
    ) -> Started:
        return await self._request(_start("extractKeyBpm", Started, {"audio": audio}, **options))

    async def transcribe_audio(
        self, audio: Media, **options: Unpack[TranscribeAudioOptions]
    ) -> Started:
        return await self._request(_start("transcribeAudio", Started, {"audio": audio}, **options))

    async def master_audio(
        self, audio: Media, reference_audio: Media, **options: Unpack[MasterAudioOptions]
    ) -> Started:
        media = {"audio": audio, "reference_audio": reference_audio}
        return await self._request(_start("masterAudio", Started, media, **options))

    async def cut_audio(
        self, audio: Media, start_ms: float, end_ms: float, **options: Unpack[CutAudioOptions]
    ) -> Started:
        values = {"start_time": start_ms, "end_time": end_ms, **options}
        return await self._request(_start("cutAudio", Started, {"audio": audio}, **values))

    async def change_audio_speed(
        self, audio: Media, factor: float, **options: Unpack[ChangeAudioSpeedOptions]
    ) -> Started:
        values = {"speed_change_factor": factor, **options}
        return await self._request(_start("changeAudioSpeed", Started, {"audio": audio}, **values))

    async def convert_audio_to_midi(
        self, audio: Media, **options: Unpack[ConvertAudioToMidiOptions]
    ) -> Started:
        call = _start("convertAudioToMidi", Started, {"audio": audio}, **options)
        return await self._request(call)

    async def convert_file(
        self, audio: Media, target_format: str, **options: Unpack[ConvertFileOptions]
    ) -> Started:
        values = {"target_format": target_format, **options}
        return await self._request(_start("convertFile", Started, {"audio": audio}, **values))

    async def image_to_song(self, image: Media, **options: Unpack[ImageToSongOptions]) -> Song:
        return await self._request(_start("imageToSong", Song, {"image": image}, **options))

    async def generate_image(self, **options: Unpack[GenerateImageOptions]) -> Started:
        return await self._request(_start("generateImage", Started, **options))

    async def get_conversion(
        self, conversion_type: str, **query: Unpack[ConversionQuery]
    ) -> Conversion:
        return await self._request(_conversion_call(conversion_type, **query))

    async def wait_for_conversion(
        self, conversion_type: str, **wait: Unpack[WaitOptions]
    ) -> Conversion:
        polling, query = _polling(wait, self._clock)
        for pause in polling:
            await self._pause(pause)
            polling.record(await self.get_conversion(conversion_type, **query))
        return polling.result()

    async def list_voices(self, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(None, **page))

    async def search_voices(self, query: str, **page: Unpack[PageOptions]) -> VoicePage:
        return await self._request(_voices_call(query, **page))

    async def list_user_conversions(self, **query: Unpack[UserConversionsPage]) -> ConversionPage:
        return await self._request(_calls.call("listUserConversions", ConversionPage, **query))

    async def iter_conversions(
        self, *, page_size: int | None = None, **filters: Unpack[ConversionFilter]
    ) -> AsyncIterator[Conversion]:
        pager = KeyPager()
        while pager.more:
            page = await self.list_user_conversions(
                limit=page_size, last_evaluated_key=pager.key, **filters
            )
            for conversion in pager.take(page.conversions, page.last_evaluated_key):
                yield conversion


def _conversion_of(details: ConversionDetails, response: Any) -> Conversion:
    return details.conversion


def _status_of(conversion: Conversion) -> str | None:
    return conversion.status if isinstance(conversion.status, str) else None
