"""Reading an HTTP request off the wire, once, before any state is touched.

All awaiting happens here; what follows works on the finished ``Inbound`` without yielding to
the event loop, which is what makes credit accounting atomic under concurrency.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.types import Receive, Scope

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
MAX_FILES = 16
MAX_FIELDS = 256


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart body (its content is not kept)."""

    filename: str
    size: int


FormValue = str | Upload


@dataclass(frozen=True)
class Inbound:
    method: str
    path: str
    headers: Headers = field(repr=False)
    query: tuple[tuple[str, str], ...]
    media_type: str
    body: bytes = field(repr=False)
    form: dict[str, list[FormValue]] | None
    problem: str | None
    """Why the body could not be read (too large, broken multipart); reported as a 400 later."""


class BodyTooLarge(Exception):
    pass


async def read_inbound(scope: Scope, receive: Receive, path: str, max_body_bytes: int) -> Inbound:
    headers = Headers(scope=scope)
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    problem: str | None = None
    body = b""
    form: dict[str, list[FormValue]] | None = None
    try:
        body = await _read_limited(headers, receive, max_body_bytes)
    except BodyTooLarge:
        problem = f"request body is larger than the limit of {max_body_bytes // 1024} KiB"
    if problem is None and media_type in FORM_TYPES and body:
        try:
            form = await _parse_form(headers, media_type, body)
        except MultiPartException as exc:
            problem = f"malformed {media_type} body: {exc.message}"
    raw_query: bytes = scope.get("query_string", b"")
    query = parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True) if raw_query else []
    return Inbound(
        method=scope["method"].upper(),
        path=path,
        headers=headers,
        query=tuple(query),
        media_type=media_type,
        body=body,
        form=form,
        problem=problem,
    )


async def _read_limited(headers: Headers, receive: Receive, limit: int) -> bytes:
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            break
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def _parse_form(headers: Headers, media_type: str, body: bytes) -> dict[str, list[FormValue]]:
    if media_type == "multipart/form-data":
        simple = simple_multipart(headers.get("content-type", ""), body)
        if simple is not None:
            return simple

    async def stream() -> AsyncGenerator[bytes, None]:
        yield body

    parser: FormParser | MultiPartParser
    if media_type == "multipart/form-data":
        parser = MultiPartParser(headers, stream(), max_files=MAX_FILES, max_fields=MAX_FIELDS)
    else:
        parser = FormParser(headers, stream(), max_fields=MAX_FIELDS)
    try:
        data = await parser.parse()
    except (ValueError, KeyError) as exc:  # python-multipart raises these on garbage framing
        raise MultiPartException(str(exc) or type(exc).__name__) from exc
    try:
        return _form_values(data)
    finally:
        await data.close()


_BOUNDARY = re.compile(r';\s*boundary=(?:"([^"]+)"|([^\s;]+))', re.IGNORECASE)
_NAME = re.compile(rb'\bname="([^"]*)"')
_FILENAME = re.compile(rb'\bfilename="([^"]*)"')


def simple_multipart(content_type: str, body: bytes) -> dict[str, list[FormValue]] | None:
    """The fields of a plainly framed multipart body (the usual case), or None for anything
    else, which then goes to python-multipart: several times faster on the usual case, and
    the same values (text decoded as UTF-8, else Latin-1, as Starlette does)."""
    found = _BOUNDARY.search(content_type)
    if found is None:
        return None
    delimiter = b"--" + (found.group(1) or found.group(2)).encode("latin-1")
    parts = body.split(delimiter)
    if len(parts) < 3 or parts[0] or not parts[-1].startswith(b"--") or len(parts) > 258:
        return None
    values: dict[str, list[FormValue]] = {}
    files = 0
    for part in parts[1:-1]:
        head, separator, content = part.partition(b"\r\n\r\n")
        if not separator or not head.startswith(b"\r\n") or not content.endswith(b"\r\n"):
            return None
        disposition = [
            line for line in head[2:].split(b"\r\n")
            if line[:20].lower() == b"content-disposition:"
        ]  # fmt: skip
        if len(disposition) != 1 or b"*=" in disposition[0]:
            return None
        name = _NAME.search(disposition[0])
        if name is None:
            return None
        filename = _FILENAME.search(disposition[0])
        value = content[:-2]
        item: FormValue = (
            Upload(filename=_text(filename.group(1)), size=len(value))
            if filename is not None
            else _text(value)
        )
        files += filename is not None
        values.setdefault(_text(name.group(1)), []).append(item)
    return values if files <= MAX_FILES else None


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _form_values(data: FormData) -> dict[str, list[FormValue]]:
    values: dict[str, list[FormValue]] = {}
    for name, value in data.multi_items():
        item: FormValue = (
            Upload(filename=value.filename or "", size=value.size or 0)
            if isinstance(value, UploadFile)
            else value
        )
        values.setdefault(name, []).append(item)
    return values
