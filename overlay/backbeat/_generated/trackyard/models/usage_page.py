from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import present_fields_repr

if TYPE_CHECKING:
    from ..models.usage_record import UsageRecord


T = TypeVar("T", bound="UsagePage")


@_attrs_define(repr=False)
class UsagePage:
    usage: list[UsageRecord]
    total_count: int
    """ Records available in all. """
    offset: int
    limit: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        usage = []
        for usage_item_data in self.usage:
            usage_item = usage_item_data.to_dict()
            usage.append(usage_item)

        total_count = self.total_count

        offset = self.offset

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "usage": usage,
                "total_count": total_count,
                "offset": offset,
                "limit": limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.usage_record import UsageRecord

        d = dict(src_dict)
        usage = []
        _usage = d.pop("usage")
        for usage_item_data in _usage:
            usage_item = UsageRecord.from_dict(usage_item_data)

            usage.append(usage_item)

        total_count = d.pop("total_count")

        offset = d.pop("offset")

        limit = d.pop("limit")

        usage_page = cls(
            usage=usage,
            total_count=total_count,
            offset=offset,
            limit=limit,
        )

        usage_page.additional_properties = d
        return usage_page

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
