from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.gender import Gender
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="SingOverVocalRequest")


@_attrs_define(repr=False)
class SingOverVocalRequest:
    """Give `audio_file` or `audio_url` (otherwise 422), and `lyrics`. The vendor's schema says
    EXACTLY one of the two (`oneOf`); as everywhere else (decision 10), this spec requires at
    least one. Send one.

    """

    lyrics: str
    """ The lyrics to sing over the vocal. """
    audio_file: File | Unset = UNSET
    """ The vocal, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the input recording (YouTube links included). """
    prompt: str | Unset = UNSET
    """ Vocal tone, genre or style. """
    gender: Gender | str | Unset = UNSET
    """ Voice gender of the vocals. """
    make_instrumental: bool | Unset = False
    """ Instrumental-only output. """
    title: str | Unset = UNSET
    generate_album_cover: bool | Unset = False
    lyrics_timestamps: bool | Unset = False
    """ Forced to `false` when `make_instrumental` is true. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        lyrics = self.lyrics

        audio_file: FileTypes | Unset = UNSET
        if not isinstance(self.audio_file, Unset):
            audio_file = self.audio_file.to_tuple()

        audio_url = self.audio_url

        prompt = self.prompt

        gender: str | Unset = UNSET
        if not isinstance(self.gender, Unset):
            gender = self.gender.value

        make_instrumental = self.make_instrumental

        title = self.title

        generate_album_cover = self.generate_album_cover

        lyrics_timestamps = self.lyrics_timestamps

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lyrics": lyrics,
            }
        )
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if gender is not UNSET:
            field_dict["gender"] = gender
        if make_instrumental is not UNSET:
            field_dict["make_instrumental"] = make_instrumental
        if title is not UNSET:
            field_dict["title"] = title
        if generate_album_cover is not UNSET:
            field_dict["generate_album_cover"] = generate_album_cover
        if lyrics_timestamps is not UNSET:
            field_dict["lyrics_timestamps"] = lyrics_timestamps
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("lyrics", (None, str(self.lyrics).encode(), "text/plain")))

        if not isinstance(self.audio_file, Unset):
            files.append(("audio_file", self.audio_file.to_tuple()))

        if not isinstance(self.audio_url, Unset):
            files.append(
                ("audio_url", (None, str(self.audio_url).encode(), "text/plain"))
            )

        if not isinstance(self.prompt, Unset):
            files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.gender, Unset):
            files.append(
                ("gender", (None, str(self.gender.value).encode(), "text/plain"))
            )

        if not isinstance(self.make_instrumental, Unset):
            files.append(
                (
                    "make_instrumental",
                    (None, str(self.make_instrumental).encode(), "text/plain"),
                )
            )

        if not isinstance(self.title, Unset):
            files.append(("title", (None, str(self.title).encode(), "text/plain")))

        if not isinstance(self.generate_album_cover, Unset):
            files.append(
                (
                    "generate_album_cover",
                    (None, str(self.generate_album_cover).encode(), "text/plain"),
                )
            )

        if not isinstance(self.lyrics_timestamps, Unset):
            files.append(
                (
                    "lyrics_timestamps",
                    (None, str(self.lyrics_timestamps).encode(), "text/plain"),
                )
            )

        if not isinstance(self.webhook_url, Unset):
            files.append(
                ("webhook_url", (None, str(self.webhook_url).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        lyrics = d.pop("lyrics")

        _audio_file = d.pop("audio_file", UNSET)
        audio_file: File | Unset
        if isinstance(_audio_file, Unset):
            audio_file = UNSET
        else:
            audio_file = File(payload=BytesIO(_audio_file))

        audio_url = d.pop("audio_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        _gender = d.pop("gender", UNSET)
        gender: Gender | Unset
        if isinstance(_gender, Unset):
            gender = UNSET
        else:
            gender = Gender(_gender)

        make_instrumental = d.pop("make_instrumental", UNSET)

        title = d.pop("title", UNSET)

        generate_album_cover = d.pop("generate_album_cover", UNSET)

        lyrics_timestamps = d.pop("lyrics_timestamps", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        sing_over_vocal_request = cls(
            lyrics=lyrics,
            audio_file=audio_file,
            audio_url=audio_url,
            prompt=prompt,
            gender=gender,
            make_instrumental=make_instrumental,
            title=title,
            generate_album_cover=generate_album_cover,
            lyrics_timestamps=lyrics_timestamps,
            webhook_url=webhook_url,
        )

        sing_over_vocal_request.additional_properties = d
        return sing_over_vocal_request

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
