from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.change_voice_request_remove_background import (
    ChangeVoiceRequestRemoveBackground,
)
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="ChangeVoiceRequest")


@_attrs_define(repr=False)
class ChangeVoiceRequest:
    """Give `audio_file` or `audio_url` (otherwise 422)."""

    voice_id: str
    """ The target voice, from `listVoices`/`searchVoices`. """
    audio_file: File | Unset = UNSET
    """ The recording, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable URL of the recording. """
    remove_background: ChangeVoiceRequestRemoveBackground | str | Unset = (
        ChangeVoiceRequestRemoveBackground.VALUE_0
    )
    """ `1` removes the accompaniment first. """
    pitch: int | Unset = 0
    """ Transposition in semitones. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs results when the task completes. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        voice_id = self.voice_id

        audio_file: FileTypes | Unset = UNSET
        if not isinstance(self.audio_file, Unset):
            audio_file = self.audio_file.to_tuple()

        audio_url = self.audio_url

        remove_background: int | Unset = UNSET
        if not isinstance(self.remove_background, Unset):
            remove_background = self.remove_background.value

        pitch = self.pitch

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "voice_id": voice_id,
            }
        )
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if remove_background is not UNSET:
            field_dict["remove_background"] = remove_background
        if pitch is not UNSET:
            field_dict["pitch"] = pitch
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("voice_id", (None, str(self.voice_id).encode(), "text/plain")))

        if not isinstance(self.audio_file, Unset):
            files.append(("audio_file", self.audio_file.to_tuple()))

        if not isinstance(self.audio_url, Unset):
            files.append(
                ("audio_url", (None, str(self.audio_url).encode(), "text/plain"))
            )

        if not isinstance(self.remove_background, Unset):
            files.append(
                (
                    "remove_background",
                    (None, str(self.remove_background.value).encode(), "text/plain"),
                )
            )

        if not isinstance(self.pitch, Unset):
            files.append(("pitch", (None, str(self.pitch).encode(), "text/plain")))

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
        voice_id = d.pop("voice_id")

        _audio_file = d.pop("audio_file", UNSET)
        audio_file: File | Unset
        if isinstance(_audio_file, Unset):
            audio_file = UNSET
        else:
            audio_file = File(payload=BytesIO(_audio_file))

        audio_url = d.pop("audio_url", UNSET)

        _remove_background = d.pop("remove_background", UNSET)
        remove_background: ChangeVoiceRequestRemoveBackground | Unset
        if isinstance(_remove_background, Unset):
            remove_background = UNSET
        else:
            remove_background = ChangeVoiceRequestRemoveBackground(_remove_background)

        pitch = d.pop("pitch", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        change_voice_request = cls(
            voice_id=voice_id,
            audio_file=audio_file,
            audio_url=audio_url,
            remove_background=remove_background,
            pitch=pitch,
            webhook_url=webhook_url,
        )

        change_voice_request.additional_properties = d
        return change_voice_request

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
