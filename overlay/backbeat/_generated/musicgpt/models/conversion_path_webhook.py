from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="ConversionPathWebhook")


@_attrs_define(repr=False)
class ConversionPathWebhook:
    """One POST with one result URL (text to speech, voice changer, cover, image generator). Other properties may appear."""

    conversion_type: str
    """ A display label, e.g. `Text To Speech`, `Cover`. """
    task_id: str
    success: bool | Unset = UNSET
    conversion_id: str | Unset = UNSET
    conversion_path: str | Unset = UNSET
    message: str | Unset = UNSET
    conversion_cost: float | str | Unset = UNSET
    """ Actual cost. A number in the generic sample, a string (e.g. `"0.68"`) in every feature sample. """
    conversion_duration: float | str | Unset = UNSET
    """ Length in seconds; a number in most samples, a string (`"0"`) in the key/BPM sample. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        conversion_id = self.conversion_id

        conversion_path = self.conversion_path

        message = self.message

        conversion_cost: float | str | Unset
        if isinstance(self.conversion_cost, Unset):
            conversion_cost = UNSET
        else:
            conversion_cost = self.conversion_cost

        conversion_duration: float | str | Unset
        if isinstance(self.conversion_duration, Unset):
            conversion_duration = UNSET
        else:
            conversion_duration = self.conversion_duration

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
        if conversion_path is not UNSET:
            field_dict["conversion_path"] = conversion_path
        if message is not UNSET:
            field_dict["message"] = message
        if conversion_cost is not UNSET:
            field_dict["conversion_cost"] = conversion_cost
        if conversion_duration is not UNSET:
            field_dict["conversion_duration"] = conversion_duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        conversion_path = d.pop("conversion_path", UNSET)

        message = d.pop("message", UNSET)

        def _parse_conversion_cost(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_cost = _parse_conversion_cost(d.pop("conversion_cost", UNSET))

        def _parse_conversion_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_duration = _parse_conversion_duration(
            d.pop("conversion_duration", UNSET)
        )

        conversion_path_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            conversion_id=conversion_id,
            conversion_path=conversion_path,
            message=message,
            conversion_cost=conversion_cost,
            conversion_duration=conversion_duration,
        )

        conversion_path_webhook.additional_properties = d
        return conversion_path_webhook

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
