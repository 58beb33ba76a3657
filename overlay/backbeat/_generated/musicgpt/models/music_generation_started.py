from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="MusicGenerationStarted")


@_attrs_define(repr=False)
class MusicGenerationStarted:
    """Start response of the two-output operations (`x-outputs: 2`): music generation, remix,
    extend, inpaint, sing over instrumental/vocal and image to song. Other properties may
    appear.

    """

    success: bool
    task_id: str
    """ Identifies the task (a UUID). """
    conversion_id_1: str
    """ The first track. """
    conversion_id_2: str
    """ The second track. """
    message: str | Unset = UNSET
    eta: int | Unset = UNSET
    """ Estimated seconds until completion. """
    is_flagged: bool | Unset = UNSET
    """ True when content moderation flagged the request; `reason` says why. """
    reason: str | Unset = UNSET
    """ Moderation reason; empty when not flagged. """
    credit_estimate: float | Unset = UNSET
    """ Estimated cost of the task, in balance units (apparently USD). """
    status: str | Unset = UNSET
    """ Task status. An open string: sources disagree on the set of values. Terminal values:
    `COMPLETED`, `ERROR`, `FAILED`; anything else means "not finished yet".
     """
    error_message: str | Unset = UNSET
    """ Empty in every vendor example (remix, extend, inpaint, sing over instrumental). """
    error_message_detail: str | Unset = UNSET
    """ Empty in every vendor example. """
    missing_input_fields: str | Unset = UNSET
    """ Empty in every vendor example. """
    predicted_user_intent: str | Unset = UNSET
    """ Empty in every vendor example. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        task_id = self.task_id

        conversion_id_1 = self.conversion_id_1

        conversion_id_2 = self.conversion_id_2

        message = self.message

        eta = self.eta

        is_flagged = self.is_flagged

        reason = self.reason

        credit_estimate = self.credit_estimate

        status = self.status

        error_message = self.error_message

        error_message_detail = self.error_message_detail

        missing_input_fields = self.missing_input_fields

        predicted_user_intent = self.predicted_user_intent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "task_id": task_id,
                "conversion_id_1": conversion_id_1,
                "conversion_id_2": conversion_id_2,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message
        if eta is not UNSET:
            field_dict["eta"] = eta
        if is_flagged is not UNSET:
            field_dict["is_flagged"] = is_flagged
        if reason is not UNSET:
            field_dict["reason"] = reason
        if credit_estimate is not UNSET:
            field_dict["credit_estimate"] = credit_estimate
        if status is not UNSET:
            field_dict["status"] = status
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if error_message_detail is not UNSET:
            field_dict["error_message_detail"] = error_message_detail
        if missing_input_fields is not UNSET:
            field_dict["missing_input_fields"] = missing_input_fields
        if predicted_user_intent is not UNSET:
            field_dict["predicted_user_intent"] = predicted_user_intent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        task_id = d.pop("task_id")

        conversion_id_1 = d.pop("conversion_id_1")

        conversion_id_2 = d.pop("conversion_id_2")

        message = d.pop("message", UNSET)

        eta = d.pop("eta", UNSET)

        is_flagged = d.pop("is_flagged", UNSET)

        reason = d.pop("reason", UNSET)

        credit_estimate = d.pop("credit_estimate", UNSET)

        status = d.pop("status", UNSET)

        error_message = d.pop("error_message", UNSET)

        error_message_detail = d.pop("error_message_detail", UNSET)

        missing_input_fields = d.pop("missing_input_fields", UNSET)

        predicted_user_intent = d.pop("predicted_user_intent", UNSET)

        music_generation_started = cls(
            success=success,
            task_id=task_id,
            conversion_id_1=conversion_id_1,
            conversion_id_2=conversion_id_2,
            message=message,
            eta=eta,
            is_flagged=is_flagged,
            reason=reason,
            credit_estimate=credit_estimate,
            status=status,
            error_message=error_message,
            error_message_detail=error_message_detail,
            missing_input_fields=missing_input_fields,
            predicted_user_intent=predicted_user_intent,
        )

        music_generation_started.additional_properties = d
        return music_generation_started

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
