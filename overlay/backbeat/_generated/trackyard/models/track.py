from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.energy_level import EnergyLevel
from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="Track")


@_attrs_define(repr=False)
class Track:
    id: str
    """ Opaque track id, passed to `downloadTrack`. """
    title: str
    artist: str
    """ Artist or producer. """
    duration_seconds: float
    """ Full track length in seconds. """
    bpm: float | Unset = UNSET
    key: str | Unset = UNSET
    """ Musical key. """
    genre: str | Unset = UNSET
    """ Parent genre. """
    subgenres: list[str] | Unset = UNSET
    moods: list[str] | Unset = UNSET
    has_vocals: bool | Unset = UNSET
    energy_level: EnergyLevel | str | Unset = UNSET
    """ Overall energy of a track. """
    instruments: list[str] | Unset = UNSET
    preview_url: str | Unset = UNSET
    """ A free 30-second preview MP3. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        artist = self.artist

        duration_seconds = self.duration_seconds

        bpm = self.bpm

        key = self.key

        genre = self.genre

        subgenres: list[str] | Unset = UNSET
        if not isinstance(self.subgenres, Unset):
            subgenres = self.subgenres

        moods: list[str] | Unset = UNSET
        if not isinstance(self.moods, Unset):
            moods = self.moods

        has_vocals = self.has_vocals

        energy_level: str | Unset = UNSET
        if not isinstance(self.energy_level, Unset):
            energy_level = self.energy_level.value

        instruments: list[str] | Unset = UNSET
        if not isinstance(self.instruments, Unset):
            instruments = self.instruments

        preview_url = self.preview_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "artist": artist,
                "duration_seconds": duration_seconds,
            }
        )
        if bpm is not UNSET:
            field_dict["bpm"] = bpm
        if key is not UNSET:
            field_dict["key"] = key
        if genre is not UNSET:
            field_dict["genre"] = genre
        if subgenres is not UNSET:
            field_dict["subgenres"] = subgenres
        if moods is not UNSET:
            field_dict["moods"] = moods
        if has_vocals is not UNSET:
            field_dict["has_vocals"] = has_vocals
        if energy_level is not UNSET:
            field_dict["energy_level"] = energy_level
        if instruments is not UNSET:
            field_dict["instruments"] = instruments
        if preview_url is not UNSET:
            field_dict["preview_url"] = preview_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        artist = d.pop("artist")

        duration_seconds = d.pop("duration_seconds")

        bpm = d.pop("bpm", UNSET)

        key = d.pop("key", UNSET)

        genre = d.pop("genre", UNSET)

        subgenres = cast(list[str], d.pop("subgenres", UNSET))

        moods = cast(list[str], d.pop("moods", UNSET))

        has_vocals = d.pop("has_vocals", UNSET)

        _energy_level = d.pop("energy_level", UNSET)
        energy_level: EnergyLevel | Unset
        if isinstance(_energy_level, Unset):
            energy_level = UNSET
        else:
            energy_level = EnergyLevel(_energy_level)

        instruments = cast(list[str], d.pop("instruments", UNSET))

        preview_url = d.pop("preview_url", UNSET)

        track = cls(
            id=id,
            title=title,
            artist=artist,
            duration_seconds=duration_seconds,
            bpm=bpm,
            key=key,
            genre=genre,
            subgenres=subgenres,
            moods=moods,
            has_vocals=has_vocals,
            energy_level=energy_level,
            instruments=instruments,
            preview_url=preview_url,
        )

        track.additional_properties = d
        return track

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
