from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="TextToSpeechRequest")


@_attrs_define(repr=False)
class TextToSpeechRequest:
    text: str
    """ The text to read. """
    voice_id: str | Unset = UNSET
    """ A voice from `listVoices`/`searchVoices`. """
    sample_audio_url: str | Unset = UNSET
    """ A clean sample of the voice to imitate; preferred over `voice_id`. """
    gender: str | Unset = UNSET
    """ Fallback voice gender. The docs say `male`/`female`; the vendor's clients send `m`/`f`. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs results when the task completes. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        voice_id = self.voice_id

        sample_audio_url = self.sample_audio_url

        gender = self.gender

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if voice_id is not UNSET:
            field_dict["voice_id"] = voice_id
        if sample_audio_url is not UNSET:
            field_dict["sample_audio_url"] = sample_audio_url
        if gender is not UNSET:
            field_dict["gender"] = gender
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        text = d.pop("text")

        voice_id = d.pop("voice_id", UNSET)

        sample_audio_url = d.pop("sample_audio_url", UNSET)

        gender = d.pop("gender", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        text_to_speech_request = cls(
            text=text,
            voice_id=voice_id,
            sample_audio_url=sample_audio_url,
            gender=gender,
            webhook_url=webhook_url,
        )

        text_to_speech_request.additional_properties = d
        return text_to_speech_request

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
