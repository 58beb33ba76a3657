"""Audio inputs for multipart operations: a path, an open binary file, or a URL."""

from __future__ import annotations

import mimetypes
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import IO

__all__ = ["AudioInput", "audio_fields"]

AudioInput = str | PathLike[str] | IO[bytes]
URL_SCHEMES = ("http://", "https://")


def audio_fields(audio: AudioInput, file_type: type) -> dict[str, object]:
    """`{"audio_url": ...}` for a URL, else `{"audio_file": file_type(...)}` (the generated
    `File`). A path is read at once, so the upload can be resent and no handle stays open."""
    if isinstance(audio, str) and audio.startswith(URL_SCHEMES):
        return {"audio_url": audio}
    if isinstance(audio, str | PathLike):
        path = Path(audio)
        if not path.is_file():
            raise FileNotFoundError(
                f"no audio file at {str(path)!r} (URLs must start with http(s)://)"
            )
        payload: IO[bytes] = BytesIO(path.read_bytes())
        name = path.name
    elif hasattr(audio, "read"):
        payload = audio
        name = Path(str(getattr(audio, "name", "audio"))).name or "audio"
    else:
        raise TypeError(
            f"audio must be a path, a binary file object or a URL, not {type(audio).__name__}"
        )
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"audio_file": file_type(payload=payload, file_name=name, mime_type=mime_type)}
