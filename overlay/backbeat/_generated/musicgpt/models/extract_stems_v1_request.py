from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="ExtractStemsV1Request")


@_attrs_define(repr=False)
class ExtractStemsV1Request:
    """Give `audio_file` or `audio_url` (otherwise 422). No `eco_mode` (a v2 field)."""

    audio_file: File | Unset = UNSET
    """ The recording, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the input recording (YouTube links included). """
    stems: str | Unset = UNSET
    """ ONE form field holding a JSON-encoded array of stems (`contentSchema` gives the decoded
    shape; `pattern` states the same for validators that ignore it). Known values: `vocals`,
    `instrumental`, `male_vocal`, `female_vocal`, `lead_vocal`, `back_vocal`, `bass`,
    `drums`, `guitar`, `piano`, `keys`, `strings`, `winds`, `rhythm_guitar`, `solo_guitar`,
    `acoustic_guitar`, `electric_guitar`, `kick_drum`, `snare_drum`, `toms`, `hi_hat`,
    `ride`, `crash`. Empty means `["drums","bass","piano","guitar"]`.
     """
    preprocessing_options: str | Unset = UNSET
    """ ONE form field holding a JSON-encoded array of clean-ups applied first. Known values `Denoise`, `Deecho`,
    `Dereverb` (capitalised). """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        audio_file: FileTypes | Unset = UNSET
        if not isinstance(self.audio_file, Unset):
            audio_file = self.audio_file.to_tuple()

        audio_url = self.audio_url

        stems = self.stems

        preprocessing_options = self.preprocessing_options

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if stems is not UNSET:
            field_dict["stems"] = stems
        if preprocessing_options is not UNSET:
            field_dict["preprocessing_options"] = preprocessing_options
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.audio_file, Unset):
            files.append(("audio_file", self.audio_file.to_tuple()))

        if not isinstance(self.audio_url, Unset):
            files.append(
                ("audio_url", (None, str(self.audio_url).encode(), "text/plain"))
            )

        if not isinstance(self.stems, Unset):
            files.append(("stems", (None, str(self.stems).encode(), "text/plain")))

        if not isinstance(self.preprocessing_options, Unset):
            files.append(
                (
                    "preprocessing_options",
                    (None, str(self.preprocessing_options).encode(), "text/plain"),
                )
            )

        if not isinstance(self.webhook_url, Unset):
            files.append(
                ("webhook_url", (None, str(self.webhook_url).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _audio_file = d.pop("audio_file", UNSET)
        audio_file: File | Unset
        if isinstance(_audio_file, Unset):
            audio_file = UNSET
        else:
            audio_file = File(payload=BytesIO(_audio_file))

        audio_url = d.pop("audio_url", UNSET)

        stems = d.pop("stems", UNSET)

        preprocessing_options = d.pop("preprocessing_options", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        extract_stems_v1_request = cls(
            audio_file=audio_file,
            audio_url=audio_url,
            stems=stems,
            preprocessing_options=preprocessing_options,
            webhook_url=webhook_url,
        )

        extract_stems_v1_request.additional_properties = d
        return extract_stems_v1_request

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
