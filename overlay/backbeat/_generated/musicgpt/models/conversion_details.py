from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import present_fields_repr

if TYPE_CHECKING:
    from ..models.conversion import Conversion


T = TypeVar("T", bound="ConversionDetails")


@_attrs_define(repr=False)
class ConversionDetails:
    success: bool
    conversion: Conversion
    """ A conversion record. Every field is optional: the record has two documented shapes.
    The CURRENT one (a `MUSIC_AI` task) has `feature` and per-track fields suffixed `_1` and
    `_2`; the GENERIC one (older status-check pages) has `conversion_id`, `status_msg`,
    `audio_url` and `conversion_cost`. Timestamps are strings in the vendor's own formats,
    which differ per field. Other properties may appear.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        conversion = self.conversion.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "conversion": conversion,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversion import Conversion

        d = dict(src_dict)
        success = d.pop("success")

        conversion = Conversion.from_dict(d.pop("conversion"))

        conversion_details = cls(
            success=success,
            conversion=conversion,
        )

        conversion_details.additional_properties = d
        return conversion_details

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
