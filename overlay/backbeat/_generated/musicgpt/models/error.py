from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="Error")


@_attrs_define(repr=False)
class Error:
    """Error body: `success: false` plus one human-readable string under `error` or
    `message` (the vendor uses both). Read `error`, then `message`, then `detail`.
    Other properties may appear.

    """

    success: bool
    """ Always false on an error. """
    error: str | Unset = UNSET
    """ Human-readable explanation (most endpoints). """
    message: str | Unset = UNSET
    """ Human-readable explanation (some endpoints use this key instead of `error`). """
    detail: Any | Unset = UNSET
    """ Framework-style detail of any type; not documented by the vendor but not ruled out. """
    required_credits: float | Unset = UNSET
    """ Cost of the refused call, on some 402 answers. """
    available_credits: float | Unset = UNSET
    """ Balance at the time of the refused call, on some 402 answers. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error

        message = self.message

        detail = self.detail

        required_credits = self.required_credits

        available_credits = self.available_credits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if message is not UNSET:
            field_dict["message"] = message
        if detail is not UNSET:
            field_dict["detail"] = detail
        if required_credits is not UNSET:
            field_dict["required_credits"] = required_credits
        if available_credits is not UNSET:
            field_dict["available_credits"] = available_credits

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        error = d.pop("error", UNSET)

        message = d.pop("message", UNSET)

        detail = d.pop("detail", UNSET)

        required_credits = d.pop("required_credits", UNSET)

        available_credits = d.pop("available_credits", UNSET)

        error = cls(
            success=success,
            error=error,
            message=message,
            detail=detail,
            required_credits=required_credits,
            available_credits=available_credits,
        )

        error.additional_properties = d
        return error

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
