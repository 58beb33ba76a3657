from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="Conversion")


@_attrs_define(repr=False)
class Conversion:
    """A conversion record. Every field is optional: the record has two documented shapes.
    The CURRENT one (a `MUSIC_AI` task) has `feature` and per-track fields suffixed `_1` and
    `_2`; the GENERIC one (older status-check pages) has `conversion_id`, `status_msg`,
    `audio_url` and `conversion_cost`. Timestamps are strings in the vendor's own formats,
    which differ per field. Other properties may appear.

    """

    task_id: str | Unset = UNSET
    feature: str | Unset = UNSET
    """ Kind of task, e.g. `MUSIC_AI`. """
    status: str | Unset = UNSET
    """ Task status. An open string: sources disagree on the set of values. Terminal values:
    `COMPLETED`, `ERROR`, `FAILED`; anything else means "not finished yet".
     """
    message: None | str | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    created_at: str | Unset = UNSET
    """ ISO 8601 with microseconds, e.g. `2026-08-17T17:07:40.557077+00:00`. """
    updated_at: str | Unset = UNSET
    """ ISO 8601 with microseconds, e.g. `2026-08-17T17:11:27.061203+00:00`. """
    conversion_id_1: str | Unset = UNSET
    conversion_id_2: str | Unset = UNSET
    title_1: None | str | Unset = UNSET
    title_2: None | str | Unset = UNSET
    lyrics_1: None | str | Unset = UNSET
    lyrics_2: None | str | Unset = UNSET
    sounds_1: None | str | Unset = UNSET
    """ Style tags of the first track. """
    sounds_2: None | str | Unset = UNSET
    """ Style tags of the second track. """
    conversion_path_1: None | str | Unset = UNSET
    """ MP3 URL of the first track. """
    conversion_path_2: None | str | Unset = UNSET
    """ MP3 URL of the second track. """
    conversion_path_wav_1: None | str | Unset = UNSET
    """ WAV URL of the first track. """
    conversion_path_wav_2: None | str | Unset = UNSET
    """ WAV URL of the second track. """
    conversion_duration_1: float | None | Unset = UNSET
    """ Length of the first track in seconds. """
    conversion_duration_2: float | None | Unset = UNSET
    """ Length of the second track in seconds. """
    lyrics_timestamped_1: None | str | Unset = UNSET
    """ JSON-encoded list of `{start, end, text, index}` (milliseconds). """
    lyrics_timestamped_2: None | str | Unset = UNSET
    """ JSON-encoded list of `{start, end, text, index}` (milliseconds). """
    album_cover_path: None | str | Unset = UNSET
    album_cover_thumbnail: None | str | Unset = UNSET
    is_streaming_request: bool | None | Unset = UNSET
    is_streaming_available: bool | None | Unset = UNSET
    generation_completed_at: None | str | Unset = UNSET
    """ NOT ISO 8601, e.g. `2026-08-17 17:11:27.054 +0000`. """
    conversion_id: str | Unset = UNSET
    """ The output of a single-output task (generic shape). """
    conversion_path: None | str | Unset = UNSET
    """ Result URL of a single-output task, once completed (as its webhook names it). """
    conversion_duration: float | None | str | Unset = UNSET
    """ Length of the result of a single-output task, in seconds. """
    status_msg: None | str | Unset = UNSET
    """ Human-readable status (generic shape). """
    audio_url: None | str | Unset = UNSET
    """ Result URL (generic shape). """
    conversion_cost: float | None | str | Unset = UNSET
    """ Actual cost; a number here, but the vendor's webhooks send it as a string. """
    title: None | str | Unset = UNSET
    lyrics: None | str | Unset = UNSET
    music_style: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        feature = self.feature

        status = self.status

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        created_at = self.created_at

        updated_at = self.updated_at

        conversion_id_1 = self.conversion_id_1

        conversion_id_2 = self.conversion_id_2

        title_1: None | str | Unset
        if isinstance(self.title_1, Unset):
            title_1 = UNSET
        else:
            title_1 = self.title_1

        title_2: None | str | Unset
        if isinstance(self.title_2, Unset):
            title_2 = UNSET
        else:
            title_2 = self.title_2

        lyrics_1: None | str | Unset
        if isinstance(self.lyrics_1, Unset):
            lyrics_1 = UNSET
        else:
            lyrics_1 = self.lyrics_1

        lyrics_2: None | str | Unset
        if isinstance(self.lyrics_2, Unset):
            lyrics_2 = UNSET
        else:
            lyrics_2 = self.lyrics_2

        sounds_1: None | str | Unset
        if isinstance(self.sounds_1, Unset):
            sounds_1 = UNSET
        else:
            sounds_1 = self.sounds_1

        sounds_2: None | str | Unset
        if isinstance(self.sounds_2, Unset):
            sounds_2 = UNSET
        else:
            sounds_2 = self.sounds_2

        conversion_path_1: None | str | Unset
        if isinstance(self.conversion_path_1, Unset):
            conversion_path_1 = UNSET
        else:
            conversion_path_1 = self.conversion_path_1

        conversion_path_2: None | str | Unset
        if isinstance(self.conversion_path_2, Unset):
            conversion_path_2 = UNSET
        else:
            conversion_path_2 = self.conversion_path_2

        conversion_path_wav_1: None | str | Unset
        if isinstance(self.conversion_path_wav_1, Unset):
            conversion_path_wav_1 = UNSET
        else:
            conversion_path_wav_1 = self.conversion_path_wav_1

        conversion_path_wav_2: None | str | Unset
        if isinstance(self.conversion_path_wav_2, Unset):
            conversion_path_wav_2 = UNSET
        else:
            conversion_path_wav_2 = self.conversion_path_wav_2

        conversion_duration_1: float | None | Unset
        if isinstance(self.conversion_duration_1, Unset):
            conversion_duration_1 = UNSET
        else:
            conversion_duration_1 = self.conversion_duration_1

        conversion_duration_2: float | None | Unset
        if isinstance(self.conversion_duration_2, Unset):
            conversion_duration_2 = UNSET
        else:
            conversion_duration_2 = self.conversion_duration_2

        lyrics_timestamped_1: None | str | Unset
        if isinstance(self.lyrics_timestamped_1, Unset):
            lyrics_timestamped_1 = UNSET
        else:
            lyrics_timestamped_1 = self.lyrics_timestamped_1

        lyrics_timestamped_2: None | str | Unset
        if isinstance(self.lyrics_timestamped_2, Unset):
            lyrics_timestamped_2 = UNSET
        else:
            lyrics_timestamped_2 = self.lyrics_timestamped_2

        album_cover_path: None | str | Unset
        if isinstance(self.album_cover_path, Unset):
            album_cover_path = UNSET
        else:
            album_cover_path = self.album_cover_path

        album_cover_thumbnail: None | str | Unset
        if isinstance(self.album_cover_thumbnail, Unset):
            album_cover_thumbnail = UNSET
        else:
            album_cover_thumbnail = self.album_cover_thumbnail

        is_streaming_request: bool | None | Unset
        if isinstance(self.is_streaming_request, Unset):
            is_streaming_request = UNSET
        else:
            is_streaming_request = self.is_streaming_request

        is_streaming_available: bool | None | Unset
        if isinstance(self.is_streaming_available, Unset):
            is_streaming_available = UNSET
        else:
            is_streaming_available = self.is_streaming_available

        generation_completed_at: None | str | Unset
        if isinstance(self.generation_completed_at, Unset):
            generation_completed_at = UNSET
        else:
            generation_completed_at = self.generation_completed_at

        conversion_id = self.conversion_id

        conversion_path: None | str | Unset
        if isinstance(self.conversion_path, Unset):
            conversion_path = UNSET
        else:
            conversion_path = self.conversion_path

        conversion_duration: float | None | str | Unset
        if isinstance(self.conversion_duration, Unset):
            conversion_duration = UNSET
        else:
            conversion_duration = self.conversion_duration

        status_msg: None | str | Unset
        if isinstance(self.status_msg, Unset):
            status_msg = UNSET
        else:
            status_msg = self.status_msg

        audio_url: None | str | Unset
        if isinstance(self.audio_url, Unset):
            audio_url = UNSET
        else:
            audio_url = self.audio_url

        conversion_cost: float | None | str | Unset
        if isinstance(self.conversion_cost, Unset):
            conversion_cost = UNSET
        else:
            conversion_cost = self.conversion_cost

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        lyrics: None | str | Unset
        if isinstance(self.lyrics, Unset):
            lyrics = UNSET
        else:
            lyrics = self.lyrics

        music_style: None | str | Unset
        if isinstance(self.music_style, Unset):
            music_style = UNSET
        else:
            music_style = self.music_style

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if feature is not UNSET:
            field_dict["feature"] = feature
        if status is not UNSET:
            field_dict["status"] = status
        if message is not UNSET:
            field_dict["message"] = message
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if conversion_id_1 is not UNSET:
            field_dict["conversion_id_1"] = conversion_id_1
        if conversion_id_2 is not UNSET:
            field_dict["conversion_id_2"] = conversion_id_2
        if title_1 is not UNSET:
            field_dict["title_1"] = title_1
        if title_2 is not UNSET:
            field_dict["title_2"] = title_2
        if lyrics_1 is not UNSET:
            field_dict["lyrics_1"] = lyrics_1
        if lyrics_2 is not UNSET:
            field_dict["lyrics_2"] = lyrics_2
        if sounds_1 is not UNSET:
            field_dict["sounds_1"] = sounds_1
        if sounds_2 is not UNSET:
            field_dict["sounds_2"] = sounds_2
        if conversion_path_1 is not UNSET:
            field_dict["conversion_path_1"] = conversion_path_1
        if conversion_path_2 is not UNSET:
            field_dict["conversion_path_2"] = conversion_path_2
        if conversion_path_wav_1 is not UNSET:
            field_dict["conversion_path_wav_1"] = conversion_path_wav_1
        if conversion_path_wav_2 is not UNSET:
            field_dict["conversion_path_wav_2"] = conversion_path_wav_2
        if conversion_duration_1 is not UNSET:
            field_dict["conversion_duration_1"] = conversion_duration_1
        if conversion_duration_2 is not UNSET:
            field_dict["conversion_duration_2"] = conversion_duration_2
        if lyrics_timestamped_1 is not UNSET:
            field_dict["lyrics_timestamped_1"] = lyrics_timestamped_1
        if lyrics_timestamped_2 is not UNSET:
            field_dict["lyrics_timestamped_2"] = lyrics_timestamped_2
        if album_cover_path is not UNSET:
            field_dict["album_cover_path"] = album_cover_path
        if album_cover_thumbnail is not UNSET:
            field_dict["album_cover_thumbnail"] = album_cover_thumbnail
        if is_streaming_request is not UNSET:
            field_dict["is_streaming_request"] = is_streaming_request
        if is_streaming_available is not UNSET:
            field_dict["is_streaming_available"] = is_streaming_available
        if generation_completed_at is not UNSET:
            field_dict["generation_completed_at"] = generation_completed_at
        if conversion_id is not UNSET:
            field_dict["conversion_id"] = conversion_id
        if conversion_path is not UNSET:
            field_dict["conversion_path"] = conversion_path
        if conversion_duration is not UNSET:
            field_dict["conversion_duration"] = conversion_duration
        if status_msg is not UNSET:
            field_dict["status_msg"] = status_msg
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if conversion_cost is not UNSET:
            field_dict["conversion_cost"] = conversion_cost
        if title is not UNSET:
            field_dict["title"] = title
        if lyrics is not UNSET:
            field_dict["lyrics"] = lyrics
        if music_style is not UNSET:
            field_dict["music_style"] = music_style

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id", UNSET)

        feature = d.pop("feature", UNSET)

        status = d.pop("status", UNSET)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        created_at = d.pop("createdAt", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        conversion_id_1 = d.pop("conversion_id_1", UNSET)

        conversion_id_2 = d.pop("conversion_id_2", UNSET)

        def _parse_title_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_1 = _parse_title_1(d.pop("title_1", UNSET))

        def _parse_title_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_2 = _parse_title_2(d.pop("title_2", UNSET))

        def _parse_lyrics_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics_1 = _parse_lyrics_1(d.pop("lyrics_1", UNSET))

        def _parse_lyrics_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics_2 = _parse_lyrics_2(d.pop("lyrics_2", UNSET))

        def _parse_sounds_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sounds_1 = _parse_sounds_1(d.pop("sounds_1", UNSET))

        def _parse_sounds_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sounds_2 = _parse_sounds_2(d.pop("sounds_2", UNSET))

        def _parse_conversion_path_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversion_path_1 = _parse_conversion_path_1(d.pop("conversion_path_1", UNSET))

        def _parse_conversion_path_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversion_path_2 = _parse_conversion_path_2(d.pop("conversion_path_2", UNSET))

        def _parse_conversion_path_wav_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversion_path_wav_1 = _parse_conversion_path_wav_1(
            d.pop("conversion_path_wav_1", UNSET)
        )

        def _parse_conversion_path_wav_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversion_path_wav_2 = _parse_conversion_path_wav_2(
            d.pop("conversion_path_wav_2", UNSET)
        )

        def _parse_conversion_duration_1(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        conversion_duration_1 = _parse_conversion_duration_1(
            d.pop("conversion_duration_1", UNSET)
        )

        def _parse_conversion_duration_2(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        conversion_duration_2 = _parse_conversion_duration_2(
            d.pop("conversion_duration_2", UNSET)
        )

        def _parse_lyrics_timestamped_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics_timestamped_1 = _parse_lyrics_timestamped_1(
            d.pop("lyrics_timestamped_1", UNSET)
        )

        def _parse_lyrics_timestamped_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics_timestamped_2 = _parse_lyrics_timestamped_2(
            d.pop("lyrics_timestamped_2", UNSET)
        )

        def _parse_album_cover_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        album_cover_path = _parse_album_cover_path(d.pop("album_cover_path", UNSET))

        def _parse_album_cover_thumbnail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        album_cover_thumbnail = _parse_album_cover_thumbnail(
            d.pop("album_cover_thumbnail", UNSET)
        )

        def _parse_is_streaming_request(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_streaming_request = _parse_is_streaming_request(
            d.pop("is_streaming_request", UNSET)
        )

        def _parse_is_streaming_available(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_streaming_available = _parse_is_streaming_available(
            d.pop("is_streaming_available", UNSET)
        )

        def _parse_generation_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        generation_completed_at = _parse_generation_completed_at(
            d.pop("generation_completed_at", UNSET)
        )

        conversion_id = d.pop("conversion_id", UNSET)

        def _parse_conversion_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversion_path = _parse_conversion_path(d.pop("conversion_path", UNSET))

        def _parse_conversion_duration(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        conversion_duration = _parse_conversion_duration(
            d.pop("conversion_duration", UNSET)
        )

        def _parse_status_msg(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_msg = _parse_status_msg(d.pop("status_msg", UNSET))

        def _parse_audio_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audio_url = _parse_audio_url(d.pop("audio_url", UNSET))

        def _parse_conversion_cost(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        conversion_cost = _parse_conversion_cost(d.pop("conversion_cost", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_lyrics(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics = _parse_lyrics(d.pop("lyrics", UNSET))

        def _parse_music_style(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        music_style = _parse_music_style(d.pop("music_style", UNSET))

        conversion = cls(
            task_id=task_id,
            feature=feature,
            status=status,
            message=message,
            webhook_url=webhook_url,
            created_at=created_at,
            updated_at=updated_at,
            conversion_id_1=conversion_id_1,
            conversion_id_2=conversion_id_2,
            title_1=title_1,
            title_2=title_2,
            lyrics_1=lyrics_1,
            lyrics_2=lyrics_2,
            sounds_1=sounds_1,
            sounds_2=sounds_2,
            conversion_path_1=conversion_path_1,
            conversion_path_2=conversion_path_2,
            conversion_path_wav_1=conversion_path_wav_1,
            conversion_path_wav_2=conversion_path_wav_2,
            conversion_duration_1=conversion_duration_1,
            conversion_duration_2=conversion_duration_2,
            lyrics_timestamped_1=lyrics_timestamped_1,
            lyrics_timestamped_2=lyrics_timestamped_2,
            album_cover_path=album_cover_path,
            album_cover_thumbnail=album_cover_thumbnail,
            is_streaming_request=is_streaming_request,
            is_streaming_available=is_streaming_available,
            generation_completed_at=generation_completed_at,
            conversion_id=conversion_id,
            conversion_path=conversion_path,
            conversion_duration=conversion_duration,
            status_msg=status_msg,
            audio_url=audio_url,
            conversion_cost=conversion_cost,
            title=title,
            lyrics=lyrics,
            music_style=music_style,
        )

        conversion.additional_properties = d
        return conversion

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
