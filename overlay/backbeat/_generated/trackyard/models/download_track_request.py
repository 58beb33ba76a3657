from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="DownloadTrackRequest")


@_attrs_define(repr=False)
class DownloadTrackRequest:
    """`hit_point_seconds` requires `duration_seconds` and must be strictly less than it (otherwise 400)."""

    track_id: str
    """ The `id` of a track from search results. """
    duration_seconds: float | Unset = UNSET
    """ Clip length in seconds; omit for the full track. """
    hit_point_seconds: float | Unset = UNSET
    """ Where the energy peak lands in the clip, in seconds. Requires `duration_seconds`; must be below it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        track_id = self.track_id

        duration_seconds = self.duration_seconds

        hit_point_seconds = self.hit_point_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "track_id": track_id,
            }
        )
        if duration_seconds is not UNSET:
            field_dict["duration_seconds"] = duration_seconds
        if hit_point_seconds is not UNSET:
            field_dict["hit_point_seconds"] = hit_point_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        track_id = d.pop("track_id")

        duration_seconds = d.pop("duration_seconds", UNSET)

        hit_point_seconds = d.pop("hit_point_seconds", UNSET)

        download_track_request = cls(
            track_id=track_id,
            duration_seconds=duration_seconds,
            hit_point_seconds=hit_point_seconds,
        )

        download_track_request.additional_properties = d
        return download_track_request

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
