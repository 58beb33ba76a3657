from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.audio_format import AudioFormat
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="CutAudioRequest")


@_attrs_define(repr=False)
class CutAudioRequest:
    """Give `audio_file` or `audio_url` (otherwise 422), `start_time` and `end_time` (milliseconds)."""

    start_time: float
    """ Where the kept part starts, in MILLISECONDS. """
    end_time: float
    """ Where the kept part ends, in MILLISECONDS. """
    audio_file: File | Unset = UNSET
    """ The recording, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the input recording (YouTube links included). """
    output_extension: AudioFormat | str | Unset = UNSET
    """ An audio container/codec. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        start_time = self.start_time

        end_time = self.end_time

        audio_file: FileTypes | Unset = UNSET
        if not isinstance(self.audio_file, Unset):
            audio_file = self.audio_file.to_tuple()

        audio_url = self.audio_url

        output_extension: str | Unset = UNSET
        if not isinstance(self.output_extension, Unset):
            output_extension = self.output_extension.value

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start_time": start_time,
                "end_time": end_time,
            }
        )
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if output_extension is not UNSET:
            field_dict["output_extension"] = output_extension
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(
            ("start_time", (None, str(self.start_time).encode(), "text/plain"))
        )

        files.append(("end_time", (None, str(self.end_time).encode(), "text/plain")))

        if not isinstance(self.audio_file, Unset):
            files.append(("audio_file", self.audio_file.to_tuple()))

        if not isinstance(self.audio_url, Unset):
            files.append(
                ("audio_url", (None, str(self.audio_url).encode(), "text/plain"))
            )

        if not isinstance(self.output_extension, Unset):
            files.append(
                (
                    "output_extension",
                    (None, str(self.output_extension.value).encode(), "text/plain"),
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
        start_time = d.pop("start_time")

        end_time = d.pop("end_time")

        _audio_file = d.pop("audio_file", UNSET)
        audio_file: File | Unset
        if isinstance(_audio_file, Unset):
            audio_file = UNSET
        else:
            audio_file = File(payload=BytesIO(_audio_file))

        audio_url = d.pop("audio_url", UNSET)

        _output_extension = d.pop("output_extension", UNSET)
        output_extension: AudioFormat | Unset
        if isinstance(_output_extension, Unset):
            output_extension = UNSET
        else:
            output_extension = AudioFormat(_output_extension)

        webhook_url = d.pop("webhook_url", UNSET)

        cut_audio_request = cls(
            start_time=start_time,
            end_time=end_time,
            audio_file=audio_file,
            audio_url=audio_url,
            output_extension=output_extension,
            webhook_url=webhook_url,
        )

        cut_audio_request.additional_properties = d
        return cut_audio_request

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
