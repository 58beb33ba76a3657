from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.audio_format import AudioFormat
from ..models.convert_file_request_target_bit_depth import (
    ConvertFileRequestTargetBitDepth,
)
from ..models.convert_file_request_target_sr import ConvertFileRequestTargetSr
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="ConvertFileRequest")


@_attrs_define(repr=False)
class ConvertFileRequest:
    """Give `audio_file` or `audio_url` (otherwise 422), and `target_format`."""

    target_format: AudioFormat | str
    """ An audio container/codec. """
    audio_file: File | Unset = UNSET
    """ The recording, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the input recording (YouTube links included). """
    target_sr: ConvertFileRequestTargetSr | str | Unset = (
        ConvertFileRequestTargetSr.VALUE_44100
    )
    """ Sample rate of the output, in Hz. """
    target_bit_depth: ConvertFileRequestTargetBitDepth | str | Unset = UNSET
    """ Bit depth of the output. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        target_format = self.target_format.value

        audio_file: FileTypes | Unset = UNSET
        if not isinstance(self.audio_file, Unset):
            audio_file = self.audio_file.to_tuple()

        audio_url = self.audio_url

        target_sr: int | Unset = UNSET
        if not isinstance(self.target_sr, Unset):
            target_sr = self.target_sr.value

        target_bit_depth: int | Unset = UNSET
        if not isinstance(self.target_bit_depth, Unset):
            target_bit_depth = self.target_bit_depth.value

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "target_format": target_format,
            }
        )
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if target_sr is not UNSET:
            field_dict["target_sr"] = target_sr
        if target_bit_depth is not UNSET:
            field_dict["target_bit_depth"] = target_bit_depth
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(
            (
                "target_format",
                (None, str(self.target_format.value).encode(), "text/plain"),
            )
        )

        if not isinstance(self.audio_file, Unset):
            files.append(("audio_file", self.audio_file.to_tuple()))

        if not isinstance(self.audio_url, Unset):
            files.append(
                ("audio_url", (None, str(self.audio_url).encode(), "text/plain"))
            )

        if not isinstance(self.target_sr, Unset):
            files.append(
                ("target_sr", (None, str(self.target_sr.value).encode(), "text/plain"))
            )

        if not isinstance(self.target_bit_depth, Unset):
            files.append(
                (
                    "target_bit_depth",
                    (None, str(self.target_bit_depth.value).encode(), "text/plain"),
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
        target_format = AudioFormat(d.pop("target_format"))

        _audio_file = d.pop("audio_file", UNSET)
        audio_file: File | Unset
        if isinstance(_audio_file, Unset):
            audio_file = UNSET
        else:
            audio_file = File(payload=BytesIO(_audio_file))

        audio_url = d.pop("audio_url", UNSET)

        _target_sr = d.pop("target_sr", UNSET)
        target_sr: ConvertFileRequestTargetSr | Unset
        if isinstance(_target_sr, Unset):
            target_sr = UNSET
        else:
            target_sr = ConvertFileRequestTargetSr(_target_sr)

        _target_bit_depth = d.pop("target_bit_depth", UNSET)
        target_bit_depth: ConvertFileRequestTargetBitDepth | Unset
        if isinstance(_target_bit_depth, Unset):
            target_bit_depth = UNSET
        else:
            target_bit_depth = ConvertFileRequestTargetBitDepth(_target_bit_depth)

        webhook_url = d.pop("webhook_url", UNSET)

        convert_file_request = cls(
            target_format=target_format,
            audio_file=audio_file,
            audio_url=audio_url,
            target_sr=target_sr,
            target_bit_depth=target_bit_depth,
            webhook_url=webhook_url,
        )

        convert_file_request.additional_properties = d
        return convert_file_request

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
