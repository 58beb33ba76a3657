from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="ImageToSongRequest")


@_attrs_define(repr=False)
class ImageToSongRequest:
    """Give `image_file` or `image_url` (otherwise 422)."""

    image_file: File | Unset = UNSET
    """ The image (JPEG, PNG, GIF, BMP or WEBP), uploaded. """
    image_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the image. """
    prompt: str | Unset = UNSET
    """ Extra guidance (at most 1000 characters). """
    lyrics: str | Unset = UNSET
    """ Custom lyrics (at most 5000 characters); ignored with `make_instrumental`. """
    negative_tags: str | Unset = UNSET
    """ Themes to avoid. """
    make_instrumental: bool | Unset = False
    vocal_only: bool | Unset = False
    key: str | Unset = UNSET
    """ Musical key. """
    bpm: int | Unset = 0
    """ Tempo; `0` lets the model choose. """
    voice_id: str | Unset = UNSET
    """ A voice for the vocals; not combinable with `vocal_only`. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        image_file: FileTypes | Unset = UNSET
        if not isinstance(self.image_file, Unset):
            image_file = self.image_file.to_tuple()

        image_url = self.image_url

        prompt = self.prompt

        lyrics = self.lyrics

        negative_tags = self.negative_tags

        make_instrumental = self.make_instrumental

        vocal_only = self.vocal_only

        key = self.key

        bpm = self.bpm

        voice_id = self.voice_id

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if image_file is not UNSET:
            field_dict["image_file"] = image_file
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if lyrics is not UNSET:
            field_dict["lyrics"] = lyrics
        if negative_tags is not UNSET:
            field_dict["negative_tags"] = negative_tags
        if make_instrumental is not UNSET:
            field_dict["make_instrumental"] = make_instrumental
        if vocal_only is not UNSET:
            field_dict["vocal_only"] = vocal_only
        if key is not UNSET:
            field_dict["key"] = key
        if bpm is not UNSET:
            field_dict["bpm"] = bpm
        if voice_id is not UNSET:
            field_dict["voice_id"] = voice_id
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.image_file, Unset):
            files.append(("image_file", self.image_file.to_tuple()))

        if not isinstance(self.image_url, Unset):
            files.append(
                ("image_url", (None, str(self.image_url).encode(), "text/plain"))
            )

        if not isinstance(self.prompt, Unset):
            files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.lyrics, Unset):
            files.append(("lyrics", (None, str(self.lyrics).encode(), "text/plain")))

        if not isinstance(self.negative_tags, Unset):
            files.append(
                (
                    "negative_tags",
                    (None, str(self.negative_tags).encode(), "text/plain"),
                )
            )

        if not isinstance(self.make_instrumental, Unset):
            files.append(
                (
                    "make_instrumental",
                    (None, str(self.make_instrumental).encode(), "text/plain"),
                )
            )

        if not isinstance(self.vocal_only, Unset):
            files.append(
                ("vocal_only", (None, str(self.vocal_only).encode(), "text/plain"))
            )

        if not isinstance(self.key, Unset):
            files.append(("key", (None, str(self.key).encode(), "text/plain")))

        if not isinstance(self.bpm, Unset):
            files.append(("bpm", (None, str(self.bpm).encode(), "text/plain")))

        if not isinstance(self.voice_id, Unset):
            files.append(
                ("voice_id", (None, str(self.voice_id).encode(), "text/plain"))
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
        _image_file = d.pop("image_file", UNSET)
        image_file: File | Unset
        if isinstance(_image_file, Unset):
            image_file = UNSET
        else:
            image_file = File(payload=BytesIO(_image_file))

        image_url = d.pop("image_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        lyrics = d.pop("lyrics", UNSET)

        negative_tags = d.pop("negative_tags", UNSET)

        make_instrumental = d.pop("make_instrumental", UNSET)

        vocal_only = d.pop("vocal_only", UNSET)

        key = d.pop("key", UNSET)

        bpm = d.pop("bpm", UNSET)

        voice_id = d.pop("voice_id", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        image_to_song_request = cls(
            image_file=image_file,
            image_url=image_url,
            prompt=prompt,
            lyrics=lyrics,
            negative_tags=negative_tags,
            make_instrumental=make_instrumental,
            vocal_only=vocal_only,
            key=key,
            bpm=bpm,
            voice_id=voice_id,
            webhook_url=webhook_url,
        )

        image_to_song_request.additional_properties = d
        return image_to_song_request

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
