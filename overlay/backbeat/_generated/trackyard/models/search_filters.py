from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.energy_level import EnergyLevel
from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="SearchFilters")


@_attrs_define(repr=False)
class SearchFilters:
    """Optional structured filters; combine freely. Each list matches a track that has at least one of its values."""

    genres: list[str] | Unset = UNSET
    """ Parent genres (sub-genres are not accepted). Open list; values are Title Case. """
    moods: list[str] | Unset = UNSET
    """ Moods. Open list; values are Title Case. """
    has_vocals: bool | Unset = UNSET
    """ `true`: only tracks with vocals; `false`: instrumentals only; omitted: no filter. """
    min_bpm: int | Unset = UNSET
    """ Lowest tempo. """
    max_bpm: int | Unset = UNSET
    """ Highest tempo. """
    energy_level: EnergyLevel | str | Unset = UNSET
    """ Overall energy of a track. """
    instruments: list[str] | Unset = UNSET
    """ The track must include at least one of them. Open list. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        genres: list[str] | Unset = UNSET
        if not isinstance(self.genres, Unset):
            genres = self.genres

        moods: list[str] | Unset = UNSET
        if not isinstance(self.moods, Unset):
            moods = self.moods

        has_vocals = self.has_vocals

        min_bpm = self.min_bpm

        max_bpm = self.max_bpm

        energy_level: str | Unset = UNSET
        if not isinstance(self.energy_level, Unset):
            energy_level = self.energy_level.value

        instruments: list[str] | Unset = UNSET
        if not isinstance(self.instruments, Unset):
            instruments = self.instruments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if genres is not UNSET:
            field_dict["genres"] = genres
        if moods is not UNSET:
            field_dict["moods"] = moods
        if has_vocals is not UNSET:
            field_dict["has_vocals"] = has_vocals
        if min_bpm is not UNSET:
            field_dict["min_bpm"] = min_bpm
        if max_bpm is not UNSET:
            field_dict["max_bpm"] = max_bpm
        if energy_level is not UNSET:
            field_dict["energy_level"] = energy_level
        if instruments is not UNSET:
            field_dict["instruments"] = instruments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        genres = cast(list[str], d.pop("genres", UNSET))

        moods = cast(list[str], d.pop("moods", UNSET))

        has_vocals = d.pop("has_vocals", UNSET)

        min_bpm = d.pop("min_bpm", UNSET)

        max_bpm = d.pop("max_bpm", UNSET)

        _energy_level = d.pop("energy_level", UNSET)
        energy_level: EnergyLevel | Unset
        if isinstance(_energy_level, Unset):
            energy_level = UNSET
        else:
            energy_level = EnergyLevel(_energy_level)

        instruments = cast(list[str], d.pop("instruments", UNSET))

        search_filters = cls(
            genres=genres,
            moods=moods,
            has_vocals=has_vocals,
            min_bpm=min_bpm,
            max_bpm=max_bpm,
            energy_level=energy_level,
            instruments=instruments,
        )

        search_filters.additional_properties = d
        return search_filters

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
