from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="LyricsResult")


@_attrs_define(repr=False)
class LyricsResult:
    success: bool
    lyrics: str
    task_id: str | Unset = UNSET
    message: str | Unset = UNSET
    credit_estimate: float | Unset = UNSET
    """ Cost of the generation (typed integer in the vendor's schema, but priced in fractions). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        lyrics = self.lyrics

        task_id = self.task_id

        message = self.message

        credit_estimate = self.credit_estimate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "lyrics": lyrics,
            }
        )
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if message is not UNSET:
            field_dict["message"] = message
        if credit_estimate is not UNSET:
            field_dict["credit_estimate"] = credit_estimate

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        lyrics = d.pop("lyrics")

        task_id = d.pop("task_id", UNSET)

        message = d.pop("message", UNSET)

        credit_estimate = d.pop("credit_estimate", UNSET)

        lyrics_result = cls(
            success=success,
            lyrics=lyrics,
            task_id=task_id,
            message=message,
            credit_estimate=credit_estimate,
        )

        lyrics_result.additional_properties = d
        return lyrics_result

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
