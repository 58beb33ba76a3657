from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="GenericWebhook")


@_attrs_define(repr=False)
class GenericWebhook:
    """The generic payload of the vendor's webhook page. Other properties may appear."""

    task_id: str
    conversion_type: str
    """ Here an enum-style value such as `MUSIC_AI`. """
    status: str | Unset = UNSET
    """ Task status. An open string: sources disagree on the set of values. Terminal values:
    `COMPLETED`, `ERROR`, `FAILED`; anything else means "not finished yet".
     """
    status_msg: str | Unset = UNSET
    audio_url: str | Unset = UNSET
    title: str | Unset = UNSET
    conversion_cost: float | str | Unset = UNSET
    """ Actual cost. A number in the generic sample, a string (e.g. `"0.68"`) in every feature sample. """
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        conversion_type = self.conversion_type

        status = self.status

        status_msg = self.status_msg

        audio_url = self.audio_url

        title = self.title

        conversion_cost: float | str | Unset
        if isinstance(self.conversion_cost, Unset):
            conversion_cost = UNSET
        else:
            conversion_cost = self.conversion_cost

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "conversion_type": conversion_type,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if status_msg is not UNSET:
            field_dict["status_msg"] = status_msg
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if title is not UNSET:
            field_dict["title"] = title
        if conversion_cost is not UNSET:
            field_dict["conversion_cost"] = conversion_cost
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id")

        conversion_type = d.pop("conversion_type")

        status = d.pop("status", UNSET)

        status_msg = d.pop("status_msg", UNSET)

        audio_url = d.pop("audio_url", UNSET)

        title = d.pop("title", UNSET)

        def _parse_conversion_cost(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_cost = _parse_conversion_cost(d.pop("conversion_cost", UNSET))

        created_at = d.pop("createdAt", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        generic_webhook = cls(
            task_id=task_id,
            conversion_type=conversion_type,
            status=status,
            status_msg=status_msg,
            audio_url=audio_url,
            title=title,
            conversion_cost=conversion_cost,
            created_at=created_at,
            updated_at=updated_at,
        )

        generic_webhook.additional_properties = d
        return generic_webhook

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
