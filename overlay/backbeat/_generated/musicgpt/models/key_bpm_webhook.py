from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

if TYPE_CHECKING:
    from ..models.key_bpm_webhook_key_changes import KeyBpmWebhookKeyChanges


T = TypeVar("T", bound="KeyBpmWebhook")


@_attrs_define(repr=False)
class KeyBpmWebhook:
    """One POST with the key and the tempo. Other properties may appear."""

    conversion_type: str
    task_id: str
    success: bool | Unset = UNSET
    conversion_id: str | Unset = UNSET
    audio_path: str | Unset = UNSET
    conversion_duration: float | str | Unset = UNSET
    """ Length in seconds; a number in most samples, a string (`"0"`) in the key/BPM sample. """
    key_changes: KeyBpmWebhookKeyChanges | Unset = UNSET
    """ Time range in seconds (`"0-120"`) to the keys heard in it. """
    dominant_key: str | Unset = UNSET
    bpm: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        conversion_id = self.conversion_id

        audio_path = self.audio_path

        conversion_duration: float | str | Unset
        if isinstance(self.conversion_duration, Unset):
            conversion_duration = UNSET
        else:
            conversion_duration = self.conversion_duration

        key_changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.key_changes, Unset):
            key_changes = self.key_changes.to_dict()

        dominant_key = self.dominant_key

        bpm = self.bpm

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
        if audio_path is not UNSET:
            field_dict["audio_path"] = audio_path
        if conversion_duration is not UNSET:
            field_dict["conversion_duration"] = conversion_duration
        if key_changes is not UNSET:
            field_dict["key_changes"] = key_changes
        if dominant_key is not UNSET:
            field_dict["dominant_key"] = dominant_key
        if bpm is not UNSET:
            field_dict["bpm"] = bpm

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_bpm_webhook_key_changes import KeyBpmWebhookKeyChanges

        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        audio_path = d.pop("audio_path", UNSET)

        def _parse_conversion_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_duration = _parse_conversion_duration(
            d.pop("conversion_duration", UNSET)
        )

        _key_changes = d.pop("key_changes", UNSET)
        key_changes: KeyBpmWebhookKeyChanges | Unset
        if isinstance(_key_changes, Unset):
            key_changes = UNSET
        else:
            key_changes = KeyBpmWebhookKeyChanges.from_dict(_key_changes)

        dominant_key = d.pop("dominant_key", UNSET)

        bpm = d.pop("bpm", UNSET)

        key_bpm_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            conversion_id=conversion_id,
            audio_path=audio_path,
            conversion_duration=conversion_duration,
            key_changes=key_changes,
            dominant_key=dominant_key,
            bpm=bpm,
        )

        key_bpm_webhook.additional_properties = d
        return key_bpm_webhook

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
