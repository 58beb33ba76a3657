from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="Error")


@_attrs_define(repr=False)
class Error:
    """Error body. `error` is a short identifier (often the HTTP reason phrase), `message` the
    human-readable text. Known `code` values: `unauthorized`, `out_of_credits`,
    `insufficient_permissions`, `track_not_found`, `rate_limit_exceeded`,
    `invalid_parameters`, `internal_error`. Other properties may appear.

    """

    error: str
    """ Short identifier, usually the HTTP reason phrase. """
    message: str
    """ Human-readable explanation. """
    code: str | Unset = UNSET
    """ Machine-readable error code. """
    request_id: str | Unset = UNSET
    """ Identifier to quote to support. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        message = self.message

        code = self.code

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error = d.pop("error")

        message = d.pop("message")

        code = d.pop("code", UNSET)

        request_id = d.pop("request_id", UNSET)

        error = cls(
            error=error,
            message=message,
            code=code,
            request_id=request_id,
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
