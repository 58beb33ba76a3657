from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.music_model import MusicModel
from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="GenerateMusicRequest")


@_attrs_define(repr=False)
class GenerateMusicRequest:
    """Send `prompt` (prompt mode), or `lyrics` and `music_style` (custom mode). The vendor's
    schema requires no field but documents only these two modes; this spec requires one of
    them, and a body with neither answers `422`.

    """

    prompt: str | Unset = UNSET
    """ Natural-language description of the song (at most 1000 characters). """
    music_style: str | Unset = UNSET
    """ Genre or style. """
    lyrics: str | Unset = UNSET
    """ Lyrics to sing (at most 5000 characters). """
    title: str | Unset = UNSET
    """ Song title. """
    make_instrumental: bool | Unset = False
    """ No vocals. """
    vocal_only: bool | Unset = False
    """ Vocals without accompaniment. """
    gender: str | Unset = UNSET
    """ Voice gender. Known values `male`, `female`, `neutral` (the vendor's schema has no enum). """
    voice_id: str | Unset = UNSET
    """ A voice from `listVoices`/`searchVoices`. Setting it forces the `v6` model. """
    generate_album_cover: bool | Unset = False
    """ Also generate album cover art. """
    lyrics_timestamps: bool | Unset = False
    """ Also produce timestamped lyrics. """
    model: MusicModel | str | Unset = UNSET
    """ Generation model. Streaming is only offered on the `-pro` models, for paid plans. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs results when the task completes. """
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

        lyrics_timestamps = self.lyrics_timestamps

        model: str | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model.value

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
        if lyrics_timestamps is not UNSET:
            field_dict["lyrics_timestamps"] = lyrics_timestamps
        if model is not UNSET:
            field_dict["model"] = model
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

        lyrics_timestamps = d.pop("lyrics_timestamps", UNSET)

        _model = d.pop("model", UNSET)
        model: MusicModel | Unset
        if isinstance(_model, Unset):
            model = UNSET
        else:
            model = MusicModel(_model)

        webhook_url = d.pop("webhook_url", UNSET)

        generate_music_request = cls(
            prompt=prompt,
            music_style=music_style,
            lyrics=lyrics,
            title=title,
            make_instrumental=make_instrumental,
            vocal_only=vocal_only,
            gender=gender,
            voice_id=voice_id,
            generate_album_cover=generate_album_cover,
            lyrics_timestamps=lyrics_timestamps,
            model=model,
            webhook_url=webhook_url,
        )

        generate_music_request.additional_properties = d
        return generate_music_request

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
