from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

if TYPE_CHECKING:
    from ..models.conversion import Conversion


T = TypeVar("T", bound="ConversionPage")


@_attrs_define(repr=False)
class ConversionPage:
    success: bool
    conversions: list[Conversion]
    last_evaluated_key: None | str | Unset = UNSET
    """ Opaque key of the next page; absent or null on the last page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        conversions = []
        for conversions_item_data in self.conversions:
            conversions_item = conversions_item_data.to_dict()
            conversions.append(conversions_item)

        last_evaluated_key: None | str | Unset
        if isinstance(self.last_evaluated_key, Unset):
            last_evaluated_key = UNSET
        else:
            last_evaluated_key = self.last_evaluated_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "conversions": conversions,
            }
        )
        if last_evaluated_key is not UNSET:
            field_dict["LastEvaluatedKey"] = last_evaluated_key

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversion import Conversion

        d = dict(src_dict)
        success = d.pop("success")

        conversions = []
        _conversions = d.pop("conversions")
        for conversions_item_data in _conversions:
            conversions_item = Conversion.from_dict(conversions_item_data)

            conversions.append(conversions_item)

        def _parse_last_evaluated_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_evaluated_key = _parse_last_evaluated_key(d.pop("LastEvaluatedKey", UNSET))

        conversion_page = cls(
            success=success,
            conversions=conversions,
            last_evaluated_key=last_evaluated_key,
        )

        conversion_page.additional_properties = d
        return conversion_page

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
