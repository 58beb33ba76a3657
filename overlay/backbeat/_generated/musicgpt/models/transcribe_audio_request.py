from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.transcript_format import TranscriptFormat
from ..types import UNSET, File, FileTypes, Unset, present_fields_repr

T = TypeVar("T", bound="TranscribeAudioRequest")


@_attrs_define(repr=False)
class TranscribeAudioRequest:
    """Give `audio_file` or `audio_url` (otherwise 422)."""

    audio_file: File | Unset = UNSET
    """ The recording, uploaded. """
    audio_url: str | Unset = UNSET
    """ A fetchable `http(s)` URL of the input recording (YouTube links included). """
    language: str | Unset = UNSET
    """ Language code of the speech; leave it out to detect it (`auto` is not a value). """
    translate: bool | Unset = UNSET
    """ Also translate the transcript into English. """
    transcription_format: TranscriptFormat | str | Unset = UNSET
    """ How a transcript or translation is laid out. """
    translation_format: TranscriptFormat | str | Unset = UNSET
    """ How a transcript or translation is laid out. """
    word_timestamps: bool | Unset = UNSET
    """ Also return word-level timestamps. """
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

        language = self.language

        translate = self.translate

        transcription_format: str | Unset = UNSET
        if not isinstance(self.transcription_format, Unset):
            transcription_format = self.transcription_format.value

        translation_format: str | Unset = UNSET
        if not isinstance(self.translation_format, Unset):
            translation_format = self.translation_format.value

        word_timestamps = self.word_timestamps

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if audio_file is not UNSET:
            field_dict["audio_file"] = audio_file
        if audio_url is not UNSET:
            field_dict["audio_url"] = audio_url
        if language is not UNSET:
            field_dict["language"] = language
        if translate is not UNSET:
            field_dict["translate"] = translate
        if transcription_format is not UNSET:
            field_dict["transcription_format"] = transcription_format
        if translation_format is not UNSET:
            field_dict["translation_format"] = translation_format
        if word_timestamps is not UNSET:
            field_dict["word_timestamps"] = word_timestamps
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

        if not isinstance(self.language, Unset):
            files.append(
                ("language", (None, str(self.language).encode(), "text/plain"))
            )

        if not isinstance(self.translate, Unset):
            files.append(
                ("translate", (None, str(self.translate).encode(), "text/plain"))
            )

        if not isinstance(self.transcription_format, Unset):
            files.append(
                (
                    "transcription_format",
                    (None, str(self.transcription_format.value).encode(), "text/plain"),
                )
            )

        if not isinstance(self.translation_format, Unset):
            files.append(
                (
                    "translation_format",
                    (None, str(self.translation_format.value).encode(), "text/plain"),
                )
            )

        if not isinstance(self.word_timestamps, Unset):
            files.append(
                (
                    "word_timestamps",
                    (None, str(self.word_timestamps).encode(), "text/plain"),
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

        language = d.pop("language", UNSET)

        translate = d.pop("translate", UNSET)

        _transcription_format = d.pop("transcription_format", UNSET)
        transcription_format: TranscriptFormat | Unset
        if isinstance(_transcription_format, Unset):
            transcription_format = UNSET
        else:
            transcription_format = TranscriptFormat(_transcription_format)

        _translation_format = d.pop("translation_format", UNSET)
        translation_format: TranscriptFormat | Unset
        if isinstance(_translation_format, Unset):
            translation_format = UNSET
        else:
            translation_format = TranscriptFormat(_translation_format)

        word_timestamps = d.pop("word_timestamps", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        transcribe_audio_request = cls(
            audio_file=audio_file,
            audio_url=audio_url,
            language=language,
            translate=translate,
            transcription_format=transcription_format,
            translation_format=translation_format,
            word_timestamps=word_timestamps,
            webhook_url=webhook_url,
        )

        transcribe_audio_request.additional_properties = d
        return transcribe_audio_request

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
