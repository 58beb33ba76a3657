from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="GenerateMusicV1Request")


@_attrs_define(repr=False)
class GenerateMusicV1Request:
    """Send `prompt` (prompt mode), or `lyrics` and `music_style` (custom mode); a body with
    neither answers `422`, as for `generateMusic`. Clients also send `negative_tags` and
    `output_length`, which the vendor's schema does not list: they are left out here.

    """

    prompt: str | Unset = UNSET
    """ Natural-language description of the song. """
    music_style: str | Unset = UNSET
    """ Genre or style. """
    lyrics: str | Unset = UNSET
    """ Lyrics to sing. """
    title: str | Unset = UNSET
    make_instrumental: bool | Unset = False
    vocal_only: bool | Unset = False
    gender: str | Unset = UNSET
    """ Voice gender. Known values `male`, `female`, `neutral`. """
    voice_id: str | Unset = UNSET
    """ A voice from `listVoices`/`searchVoices`. """
    generate_album_cover: bool | Unset = True
    """ Also generate album cover art. The vendor's v1 schema defaults it to `true`; its samples send `false`. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        music_style = self.music_style

        lyrics = self.lyrics

        title = self.title

        make_instrumental = self.make_instrumental

        vocal_only = self.vocal_only

        gender = self.gender

        voice_id = self.voice_id

        generate_album_cover = self.generate_album_cover

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if music_style is not UNSET:
            field_dict["music_style"] = music_style
        if lyrics is not UNSET:
            field_dict["lyrics"] = lyrics
        if title is not UNSET:
            field_dict["title"] = title
        if make_instrumental is not UNSET:
            field_dict["make_instrumental"] = make_instrumental
        if vocal_only is not UNSET:
            field_dict["vocal_only"] = vocal_only
        if gender is not UNSET:
            field_dict["gender"] = gender
        if voice_id is not UNSET:
            field_dict["voice_id"] = voice_id
        if generate_album_cover is not UNSET:
            field_dict["generate_album_cover"] = generate_album_cover
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt", UNSET)

        music_style = d.pop("music_style", UNSET)

        lyrics = d.pop("lyrics", UNSET)

        title = d.pop("title", UNSET)

        make_instrumental = d.pop("make_instrumental", UNSET)

        vocal_only = d.pop("vocal_only", UNSET)

        gender = d.pop("gender", UNSET)

        voice_id = d.pop("voice_id", UNSET)

        generate_album_cover = d.pop("generate_album_cover", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        generate_music_v1_request = cls(
            prompt=prompt,
            music_style=music_style,
            lyrics=lyrics,
            title=title,
            make_instrumental=make_instrumental,
            vocal_only=vocal_only,
            gender=gender,
            voice_id=voice_id,
            generate_album_cover=generate_album_cover,
            webhook_url=webhook_url,
        )

        generate_music_v1_request.additional_properties = d
        return generate_music_v1_request

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
