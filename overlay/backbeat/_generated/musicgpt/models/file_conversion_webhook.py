from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="FileConversionWebhook")


@_attrs_define(repr=False)
class FileConversionWebhook:
    """One POST with the converted file. Other properties may appear."""

    conversion_type: str
    task_id: str
    success: bool | Unset = UNSET
    conversion_id: str | Unset = UNSET
    output_file_path: str | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        conversion_id = self.conversion_id

        output_file_path = self.output_file_path

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversion_type": conversion_type,
                "task_id": task_id,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if conversion_id is not UNSET:
            field_dict["conversion_id"] = conversion_id
        if output_file_path is not UNSET:
            field_dict["output_file_path"] = output_file_path
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        output_file_path = d.pop("output_file_path", UNSET)

        message = d.pop("message", UNSET)

        file_conversion_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            conversion_id=conversion_id,
            output_file_path=output_file_path,
            message=message,
        )

        file_conversion_webhook.additional_properties = d
        return file_conversion_webhook

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
