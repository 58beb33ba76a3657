from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset, present_fields_repr

T = TypeVar("T", bound="GenerateImageMultipartRequest")


@_attrs_define(repr=False)
class GenerateImageMultipartRequest:
    """The fields of `GenerateImageRequest`, sent as `multipart/form-data`."""

    prompt: str | Unset = UNSET
    """ What the image shows. """
    style_preset: str | Unset = "standard"
    """ An open set of styles; the vendor lists `Standard`, `Anime`, `Nature`, `Abstract`, `Minimal`, `Dark` as
    examples. """
    height: int | Unset = 960
    """ Height in pixels, a multiple of 16 (this project requires at least 16). """
    width: int | Unset = 544
    """ Width in pixels, a multiple of 16 (this project requires at least 16). """
    seed: int | Unset = UNSET
    """ Seed for a reproducible image; random when absent. """
    webhook_url: str | Unset = UNSET
    """ Where the vendor POSTs the results when the task completes (see `webhooks`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    # backbeat (gen/templates): the repr shows the fields that hold a value.
    __repr__ = present_fields_repr

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        style_preset = self.style_preset

        height = self.height

        width = self.width

        seed = self.seed

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if style_preset is not UNSET:
            field_dict["style_preset"] = style_preset
        if height is not UNSET:
            field_dict["height"] = height
        if width is not UNSET:
            field_dict["width"] = width
        if seed is not UNSET:
            field_dict["seed"] = seed
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.prompt, Unset):
            files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.style_preset, Unset):
            files.append(
                ("style_preset", (None, str(self.style_preset).encode(), "text/plain"))
            )

        if not isinstance(self.height, Unset):
            files.append(("height", (None, str(self.height).encode(), "text/plain")))

        if not isinstance(self.width, Unset):
            files.append(("width", (None, str(self.width).encode(), "text/plain")))

        if not isinstance(self.seed, Unset):
            files.append(("seed", (None, str(self.seed).encode(), "text/plain")))

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
        prompt = d.pop("prompt", UNSET)

        style_preset = d.pop("style_preset", UNSET)

        height = d.pop("height", UNSET)

        width = d.pop("width", UNSET)

        seed = d.pop("seed", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        generate_image_multipart_request = cls(
            prompt=prompt,
            style_preset=style_preset,
            height=height,
            width=width,
            seed=seed,
            webhook_url=webhook_url,
        )

        generate_image_multipart_request.additional_properties = d
        return generate_image_multipart_request

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
