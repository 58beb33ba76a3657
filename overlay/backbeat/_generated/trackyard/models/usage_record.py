from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="UsageRecord")


@_attrs_define(repr=False)
class UsageRecord:
    timestamp: datetime.datetime | Unset = UNSET
    endpoint: str | Unset = UNSET
    """ Path relative to the base URL. """
    status_code: int | Unset = UNSET
    credits_consumed: int | Unset = UNSET
    response_time_ms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        timestamp: str | Unset = UNSET
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()

        endpoint = self.endpoint

        status_code = self.status_code

        credits_consumed = self.credits_consumed

        response_time_ms = self.response_time_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if credits_consumed is not UNSET:
            field_dict["credits_consumed"] = credits_consumed
        if response_time_ms is not UNSET:
            field_dict["response_time_ms"] = response_time_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        endpoint = d.pop("endpoint", UNSET)

        status_code = d.pop("status_code", UNSET)

        credits_consumed = d.pop("credits_consumed", UNSET)

        response_time_ms = d.pop("response_time_ms", UNSET)

        usage_record = cls(
            timestamp=timestamp,
            endpoint=endpoint,
            status_code=status_code,
            credits_consumed=credits_consumed,
            response_time_ms=response_time_ms,
        )

        usage_record.additional_properties = d
        return usage_record

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
