from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="TranscriptionWebhook")


@_attrs_define(repr=False)
class TranscriptionWebhook:
    """One POST with the transcript. Other properties may appear."""

    conversion_type: str
    task_id: str
    success: bool | Unset = UNSET
    conversion_id: str | Unset = UNSET
    transcription: str | Unset = UNSET
    translation: None | str | Unset = UNSET
    detected_language: str | Unset = UNSET
    word_timestamps: list[Any] | Unset = UNSET
    """ Word-level timestamps; the vendor does not show an entry's shape. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        conversion_id = self.conversion_id

        transcription = self.transcription

        translation: None | str | Unset
        if isinstance(self.translation, Unset):
            translation = UNSET
        else:
            translation = self.translation

        detected_language = self.detected_language

        word_timestamps: list[Any] | Unset = UNSET
        if not isinstance(self.word_timestamps, Unset):
            word_timestamps = self.word_timestamps

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
        if transcription is not UNSET:
            field_dict["transcription"] = transcription
        if translation is not UNSET:
            field_dict["translation"] = translation
        if detected_language is not UNSET:
            field_dict["detected_language"] = detected_language
        if word_timestamps is not UNSET:
            field_dict["word_timestamps"] = word_timestamps

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        transcription = d.pop("transcription", UNSET)

        def _parse_translation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        translation = _parse_translation(d.pop("translation", UNSET))

        detected_language = d.pop("detected_language", UNSET)

        word_timestamps = cast(list[Any], d.pop("word_timestamps", UNSET))

        transcription_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            conversion_id=conversion_id,
            transcription=transcription,
            translation=translation,
            detected_language=detected_language,
            word_timestamps=word_timestamps,
        )

        transcription_webhook.additional_properties = d
        return transcription_webhook

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
