from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

if TYPE_CHECKING:
    from ..models.sound_generator_webhook_conversion_durations import (
        SoundGeneratorWebhookConversionDurations,
    )
    from ..models.sound_generator_webhook_conversion_paths import (
        SoundGeneratorWebhookConversionPaths,
    )


T = TypeVar("T", bound="SoundGeneratorWebhook")


@_attrs_define(repr=False)
class SoundGeneratorWebhook:
    """One POST with the sound, keyed by conversion id. Other properties may appear."""

    conversion_type: str
    task_id: str
    success: bool | Unset = UNSET
    conversion_id: str | Unset = UNSET
    conversion_duration: float | str | Unset = UNSET
    """ Length in seconds; a number in most samples, a string (`"0"`) in the key/BPM sample. """
    message: str | Unset = UNSET
    conversion_paths: SoundGeneratorWebhookConversionPaths | Unset = UNSET
    conversion_durations: SoundGeneratorWebhookConversionDurations | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        conversion_type = self.conversion_type

        task_id = self.task_id

        success = self.success

        conversion_id = self.conversion_id

        conversion_duration: float | str | Unset
        if isinstance(self.conversion_duration, Unset):
            conversion_duration = UNSET
        else:
            conversion_duration = self.conversion_duration

        message = self.message

        conversion_paths: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conversion_paths, Unset):
            conversion_paths = self.conversion_paths.to_dict()

        conversion_durations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conversion_durations, Unset):
            conversion_durations = self.conversion_durations.to_dict()

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
        if conversion_duration is not UNSET:
            field_dict["conversion_duration"] = conversion_duration
        if message is not UNSET:
            field_dict["message"] = message
        if conversion_paths is not UNSET:
            field_dict["conversion_paths"] = conversion_paths
        if conversion_durations is not UNSET:
            field_dict["conversion_durations"] = conversion_durations

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sound_generator_webhook_conversion_durations import (
            SoundGeneratorWebhookConversionDurations,
        )
        from ..models.sound_generator_webhook_conversion_paths import (
            SoundGeneratorWebhookConversionPaths,
        )

        d = dict(src_dict)
        conversion_type = d.pop("conversion_type")

        task_id = d.pop("task_id")

        success = d.pop("success", UNSET)

        conversion_id = d.pop("conversion_id", UNSET)

        def _parse_conversion_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        conversion_duration = _parse_conversion_duration(
            d.pop("conversion_duration", UNSET)
        )

        message = d.pop("message", UNSET)

        _conversion_paths = d.pop("conversion_paths", UNSET)
        conversion_paths: SoundGeneratorWebhookConversionPaths | Unset
        if isinstance(_conversion_paths, Unset):
            conversion_paths = UNSET
        else:
            conversion_paths = SoundGeneratorWebhookConversionPaths.from_dict(
                _conversion_paths
            )

        _conversion_durations = d.pop("conversion_durations", UNSET)
        conversion_durations: SoundGeneratorWebhookConversionDurations | Unset
        if isinstance(_conversion_durations, Unset):
            conversion_durations = UNSET
        else:
            conversion_durations = SoundGeneratorWebhookConversionDurations.from_dict(
                _conversion_durations
            )

        sound_generator_webhook = cls(
            conversion_type=conversion_type,
            task_id=task_id,
            success=success,
            conversion_id=conversion_id,
            conversion_duration=conversion_duration,
            message=message,
            conversion_paths=conversion_paths,
            conversion_durations=conversion_durations,
        )

        sound_generator_webhook.additional_properties = d
        return sound_generator_webhook

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
