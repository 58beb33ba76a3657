"""Media inputs of form operations: a path, an open binary file, or an http(s) URL.

One argument of a facade method (`audio`, `image`, `reference_audio`) becomes one of two form
fields of the spec: `<name>_file` (an upload) or `<name>_url`. Anything else is refused
before a request is built, with an error that says what is accepted.
"""

from __future__ import annotations

import io
import mimetypes
import re
import typing
from io import BytesIO
from os import PathLike, fspath
from pathlib import Path
from typing import IO, Any

__all__ = ["Media", "MediaInput", "media_fields"]

Media = str | PathLike[str] | IO[bytes]
"""A media input: a path, a binary file object or an http(s) URL."""
MediaInput = Media
ACCEPTED = "a path, a binary file object or an http(s) URL"
_HTTP_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def media_fields(value: object, name: str, file_type: type) -> dict[str, object]:
    """`{"<name>_url": url}` for a URL, else `{"<name>_file": file_type(...)}` (the generated
    `File`). A path is read at once, so a retried upload is resent whole and no handle stays
    open; an open file is sent from its start (httpx rewinds it for each attempt)."""
    if isinstance(value, str):
        if _HTTP_URL.fullmatch(value.strip()):
            return {f"{name}_url": value.strip()}
        if _OTHER_URL.match(value.strip()):
            raise ValueError(
                f"{name}: only http(s) URLs with a host can be sent, not {value.strip()[:60]!r}"
            )
        if not value.strip():
            raise ValueError(f"{name} is an empty string: give {ACCEPTED}")
    if isinstance(value, str | PathLike):
        payload, file_name = _read_path(name, Path(fspath(value)))
    elif _is_binary_file(value):
        payload = typing.cast(IO[bytes], value)
        file_name = Path(str(getattr(value, "name", name))).name or name
    else:
        raise TypeError(f"{name} must be {ACCEPTED}, not {_describe(value)}")
    mime_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    return {f"{name}_file": file_type(payload=payload, file_name=file_name, mime_type=mime_type)}


def _read_path(name: str, path: Path) -> tuple[IO[bytes], str]:
    if path.is_dir():
        raise IsADirectoryError(f"{name}: {str(path)!r} is a directory, not a file")
    if not path.is_file():
        raise FileNotFoundError(
            f"no {name} file at {str(path)!r} (URLs must start with http(s)://)"
        )
    return BytesIO(path.read_bytes()), path.name


def _is_binary_file(value: object) -> bool:
    if not callable(getattr(value, "read", None)):
        return False
    if isinstance(value, io.TextIOBase):
        raise TypeError(f"{value!r} is open in text mode: open the file in binary mode ('rb')")
    if getattr(value, "closed", False):
        raise ValueError(f"the {type(value).__name__} given is closed")
    return True


def _describe(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return "bytes (wrap them in io.BytesIO)"
    return type(value).__name__
