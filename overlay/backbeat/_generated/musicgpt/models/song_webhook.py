from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="SongWebhook")


@_attrs_define(repr=False)
class SongWebhook:
    """One POST about a song task (Music AI, remix, extend, inpaint, sing over, image to song).
    `subtype` says which: `music_ai` or `remix` (a finished track), `lyrics_timestamped`,
    `audio_streaming`, `album_cover_generation`; an open string. Other properties may appear.

    """

    conversion_type: str
    """ A display label, e.g. `Music AI`, `Remix`, `Sing Over Vocal`. """
    task_id: str
    success: bool | Unset = UNSET
    subtype: str | Unset = UNSET
    conversion_id: str | Unset = UNSET
    conversion_path: str | Unset = UNSET
    """ MP3 URL of the track. """
    conversion_path_wav: str | Unset = UNSET
    """ WAV URL of the track. """
    conversion_duration: float | str | Unset = UNSET
    """ Length in seconds; a number in most samples, a string (`"0"`) in the key/BPM sample. """
    is_flagged: bool | Unset = UNSET
    reason: str | Unset = UNSET
    lyrics: None | str | Unset = UNSET
    lyrics_timestamped: None | str | Unset = UNSET
    """ JSON-encoded list of `{start, end, text, index}` (milliseconds). """
    title: None | str | Unset = UNSET
    album_cover_path: None | str | Unset = UNSET
    streaming_url: str | Unset = UNSET
    """ An `.m3u8` stream (subtype `audio_streaming`). """
    image_paths: list[str] | Unset = UNSET
    thumbnail_paths: list[str] | Unset = UNSET
    image_path: str | Unset = UNSET
    thumbnail_path: str | Unset = UNSET
    conversion_id_1: str | Unset = UNSET
    conversion_id_2: str | Unset = UNSET
    album_cover_generator_output: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        subtype = self.subtype

        conversion_id = self.conversion_id

        conversion_path = self.conversion_path

        conversion_path_wav = self.conversion_path_wav

        conversion_duration: float | str | Unset
        if isinstance(self.conversion_duration, Unset):
            conversion_duration = UNSET
        else:
            conversion_duration = self.conversion_duration

        is_flagged = self.is_flagged

        reason = self.reason

        lyrics: None | str | Unset
        if isinstance(self.lyrics, Unset):
            lyrics = UNSET
        else:
            lyrics = self.lyrics

        lyrics_timestamped: None | str | Unset
        if isinstance(self.lyrics_timestamped, Unset):
            lyrics_timestamped = UNSET
        else:
            lyrics_timestamped = self.lyrics_timestamped

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        album_cover_path: None | str | Unset
        if isinstance(self.album_cover_path, Unset):
            album_cover_path = UNSET
        else:
            album_cover_path = self.album_cover_path

        streaming_url = self.streaming_url

        image_paths: list[str] | Unset = UNSET
        if not isinstance(self.image_paths, Unset):
            image_paths = self.image_paths

        thumbnail_paths: list[str] | Unset = UNSET
        if not isinstance(self.thumbnail_paths, Unset):
            thumbnail_paths = self.thumbnail_paths

        image_path = self.image_path

        thumbnail_path = self.thumbnail_path

        conversion_id_1 = self.conversion_id_1

        conversion_id_2 = self.conversion_id_2

        album_cover_generator_output = self.album_cover_generator_output

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversion_type": conversion_type,
                "task_id": task_id,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if subtype is not UNSET:
            field_dict["subtype"] = subtype
        if conversion_id is not UNSET:
            field_dict["conversion_id"] = conversion_id
        if conversion_path is not UNSET:
            field_dict["conversion_path"] = conversion_path
        if conversion_path_wav is not UNSET:
            field_dict["conversion_path_wav"] = conversion_path_wav
        if conversion_duration is not UNSET:
            field_dict["conversion_duration"] = conversion_duration
        if is_flagged is not UNSET:
            field_dict["is_flagged"] = is_flagged
        if reason is not UNSET:
            field_dict["reason"] = reason
        if lyrics is not UNSET:
            field_dict["lyrics"] = lyrics
        if lyrics_timestamped is not UNSET:
            field_dict["lyrics_timestamped"] = lyrics_timestamped
        if title is not UNSET:
            field_dict["title"] = title
        if album_cover_path is not UNSET:
            field_dict["album_cover_path"] = album_cover_path
        if streaming_url is not UNSET:
            field_dict["streaming_url"] = streaming_url
        if image_paths is not UNSET:
            field_dict["image_paths"] = image_paths
        if thumbnail_paths is not UNSET:
            field_dict["thumbnail_paths"] = thumbnail_paths
        if image_path is not UNSET:
            field_dict["image_path"] = image_path
        if thumbnail_path is not UNSET:
            field_dict["thumbnail_path"] = thumbnail_path
        if conversion_id_1 is not UNSET:
            field_dict["conversion_id_1"] = conversion_id_1
        if conversion_id_2 is not UNSET:
            field_dict["conversion_id_2"] = conversion_id_2
        if album_cover_generator_output is not UNSET:
            field_dict["album_cover_generator_output"] = album_cover_generator_output

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        subtype = d.pop("subtype", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        conversion_path = d.pop("conversion_path", UNSET)

        conversion_path_wav = d.pop("conversion_path_wav", UNSET)

        def _parse_conversion_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_duration = _parse_conversion_duration(
            d.pop("conversion_duration", UNSET)
        )

        is_flagged = d.pop("is_flagged", UNSET)

        reason = d.pop("reason", UNSET)

        def _parse_lyrics(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics = _parse_lyrics(d.pop("lyrics", UNSET))

        def _parse_lyrics_timestamped(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lyrics_timestamped = _parse_lyrics_timestamped(
            d.pop("lyrics_timestamped", UNSET)
        )

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_album_cover_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        album_cover_path = _parse_album_cover_path(d.pop("album_cover_path", UNSET))

        streaming_url = d.pop("streaming_url", UNSET)

        image_paths = cast(list[str], d.pop("image_paths", UNSET))

        thumbnail_paths = cast(list[str], d.pop("thumbnail_paths", UNSET))

        image_path = d.pop("image_path", UNSET)

        thumbnail_path = d.pop("thumbnail_path", UNSET)

        conversion_id_1 = d.pop("conversion_id_1", UNSET)

        conversion_id_2 = d.pop("conversion_id_2", UNSET)

        album_cover_generator_output = d.pop("album_cover_generator_output", UNSET)

        song_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            subtype=subtype,
            conversion_id=conversion_id,
            conversion_path=conversion_path,
            conversion_path_wav=conversion_path_wav,
            conversion_duration=conversion_duration,
            is_flagged=is_flagged,
            reason=reason,
            lyrics=lyrics,
            lyrics_timestamped=lyrics_timestamped,
            title=title,
            album_cover_path=album_cover_path,
            streaming_url=streaming_url,
            image_paths=image_paths,
            thumbnail_paths=thumbnail_paths,
            image_path=image_path,
            thumbnail_path=thumbnail_path,
            conversion_id_1=conversion_id_1,
            conversion_id_2=conversion_id_2,
            album_cover_generator_output=album_cover_generator_output,
        )

        song_webhook.additional_properties = d
        return song_webhook

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
