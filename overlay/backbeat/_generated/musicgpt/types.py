"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from types import NoneType
from typing import IO, Any, BinaryIO, Generic, TypeVar

from attrs import define, fields

# backbeat (gen/templates): "not given" and "absent" are None, so results show no sentinel:
# an optional field the body leaves out reads as None and is typed `X | None`. A request
# field left as None is not sent (`to_dict` tests `isinstance(value, Unset)`).
Unset = NoneType
UNSET: None = None


def present_fields_repr(self: Any) -> str:
    """`Model(a=1, b='x')`: the fields that hold a value, then any undocumented ones."""
    shown = [
        f"{field.name}={getattr(self, field.name)!r}"
        for field in fields(type(self))
        if field.name != "additional_properties"
        and getattr(self, field.name) is not None
    ]
    extra = getattr(self, "additional_properties", None)
    if extra:
        shown.append(f"additional_properties={extra!r}")
    return f"{type(self).__name__}({', '.join(shown)})"


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "present_fields_repr",
]
