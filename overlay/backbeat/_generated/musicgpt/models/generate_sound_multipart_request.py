from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="GenerateSoundMultipartRequest")


@_attrs_define(repr=False)
class GenerateSoundMultipartRequest:
    """The fields of `GenerateSoundRequest`, sent as `multipart/form-data` (as the vendor's n8n node does)."""

    prompt: str
    """ The sound to create. The vendor's n8n node caps it at 300 characters. """
    audio_length: int | Unset = UNSET
    """ Length in seconds (a "beta" option). This project requires at least 1. """
    generate_album_cover: bool | Unset = False
    """ Also generate cover art. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        audio_length = self.audio_length

        generate_album_cover = self.generate_album_cover

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if audio_length is not UNSET:
            field_dict["audio_length"] = audio_length
        if generate_album_cover is not UNSET:
            field_dict["generate_album_cover"] = generate_album_cover
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.audio_length, Unset):
            files.append(
                ("audio_length", (None, str(self.audio_length).encode(), "text/plain"))
            )

        if not isinstance(self.generate_album_cover, Unset):
            files.append(
                (
                    "generate_album_cover",
                    (None, str(self.generate_album_cover).encode(), "text/plain"),
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
        prompt = d.pop("prompt")

        audio_length = d.pop("audio_length", UNSET)

        generate_album_cover = d.pop("generate_album_cover", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        generate_sound_multipart_request = cls(
            prompt=prompt,
            audio_length=audio_length,
            generate_album_cover=generate_album_cover,
            webhook_url=webhook_url,
        )

        generate_sound_multipart_request.additional_properties = d
        return generate_sound_multipart_request

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
