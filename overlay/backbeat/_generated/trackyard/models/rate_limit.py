from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="RateLimit")


@_attrs_define(repr=False)
class RateLimit:
    requests_per_minute: int | Unset = UNSET
    requests_per_day: int | None | Unset = UNSET
    """ Daily cap; null when the tier has none (pro). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        requests_per_minute = self.requests_per_minute

        requests_per_day: int | None | Unset
        if isinstance(self.requests_per_day, Unset):
            requests_per_day = UNSET
        else:
            requests_per_day = self.requests_per_day

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if requests_per_minute is not UNSET:
            field_dict["requests_per_minute"] = requests_per_minute
        if requests_per_day is not UNSET:
            field_dict["requests_per_day"] = requests_per_day

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        requests_per_minute = d.pop("requests_per_minute", UNSET)

        def _parse_requests_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        requests_per_day = _parse_requests_per_day(d.pop("requests_per_day", UNSET))

        rate_limit = cls(
            requests_per_minute=requests_per_minute,
            requests_per_day=requests_per_day,
        )

        rate_limit.additional_properties = d
        return rate_limit

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
