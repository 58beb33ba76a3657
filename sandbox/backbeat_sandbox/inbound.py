"""Reading an HTTP request off the wire, once, before any state is touched.

All awaiting happens here; what follows works on the finished ``Inbound`` without yielding to
the event loop, which is what makes credit accounting atomic under concurrency.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


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


async def read_inbound(request: Request, path: str, max_body_bytes: int) -> Inbound:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    problem: str | None = None
    body = b""
    form: dict[str, list[FormValue]] | None = None
    try:
        body = await _read_limited(request, max_body_bytes)
    except BodyTooLarge:
        problem = f"request body is larger than the limit of {max_body_bytes // 1024} KiB"
    if problem is None and media_type in FORM_TYPES and body:
        try:
            form = await _parse_form(request.headers, media_type, body)
        except MultiPartException as exc:
            problem = f"malformed {media_type} body: {exc.message}"
    return Inbound(
        method=request.method.upper(),
        path=path,
        headers=request.headers,
        query=tuple(request.query_params.multi_items()),
        media_type=media_type,
        body=body,
        form=form,
        problem=problem,
    )


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _parse_form(headers: Headers, media_type: str, body: bytes) -> dict[str, list[FormValue]]:
    async def stream() -> AsyncGenerator[bytes, None]:
        yield body

    parser: FormParser | MultiPartParser
    if media_type == "multipart/form-data":
        parser = MultiPartParser(headers, stream(), max_files=16, max_fields=256)
    else:
        parser = FormParser(headers, stream(), max_fields=256)
    try:
        data = await parser.parse()
    except (ValueError, KeyError) as exc:  # python-multipart raises these on garbage framing
        raise MultiPartException(str(exc) or type(exc).__name__) from exc
    try:
        return _form_values(data)
    finally:
        await data.close()


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
