from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import present_fields_repr

if TYPE_CHECKING:
    from ..models.voice import Voice


T = TypeVar("T", bound="VoicePage")


@_attrs_define(repr=False)
class VoicePage:
    success: bool
    voices: list[Voice]
    limit: int
    page: int
    total: int
    """ Voices available in all. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        voices = []
        for voices_item_data in self.voices:
            voices_item = voices_item_data.to_dict()
            voices.append(voices_item)

        limit = self.limit

        page = self.page

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "voices": voices,
                "limit": limit,
                "page": page,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voice import Voice

        d = dict(src_dict)
        success = d.pop("success")

        voices = []
        _voices = d.pop("voices")
        for voices_item_data in _voices:
            voices_item = Voice.from_dict(voices_item_data)

            voices.append(voices_item)

        limit = d.pop("limit")

        page = d.pop("page")

        total = d.pop("total")

        voice_page = cls(
            success=success,
            voices=voices,
            limit=limit,
            page=page,
            total=total,
        )

        voice_page.additional_properties = d
        return voice_page

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
