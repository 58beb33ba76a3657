from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="ConversionStarted")


@_attrs_define(repr=False)
class ConversionStarted:
    """Start response of the single-output conversions (`x-outputs: 1`). Other properties may appear."""

    success: bool
    task_id: str
    """ Identifies the task (a UUID). """
    conversion_id: str
    """ Identifies the output. """
    eta: int | Unset = UNSET
    """ Estimated seconds until completion. The vendor has shown `-1` (meaning undocumented). """
    credit_estimate: float | Unset = UNSET
    """ Estimated cost of the task, in balance units (apparently USD). """
    message: str | Unset = UNSET
    status: str | Unset = UNSET
    """ Task status. An open string: sources disagree on the set of values. Terminal values:
    `COMPLETED`, `ERROR`, `FAILED`; anything else means "not finished yet".
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        task_id = self.task_id

        conversion_id = self.conversion_id

        eta = self.eta

        credit_estimate = self.credit_estimate

        message = self.message

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "task_id": task_id,
                "conversion_id": conversion_id,
            }
        )
        if eta is not UNSET:
            field_dict["eta"] = eta
        if credit_estimate is not UNSET:
            field_dict["credit_estimate"] = credit_estimate
        if message is not UNSET:
            field_dict["message"] = message
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        task_id = d.pop("task_id")

        conversion_id = d.pop("conversion_id")

        eta = d.pop("eta", UNSET)

        credit_estimate = d.pop("credit_estimate", UNSET)

        message = d.pop("message", UNSET)

        status = d.pop("status", UNSET)

        conversion_started = cls(
            success=success,
            task_id=task_id,
            conversion_id=conversion_id,
            eta=eta,
            credit_estimate=credit_estimate,
            message=message,
            status=status,
        )

        conversion_started.additional_properties = d
        return conversion_started

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
