"""A cap on the size of a response body once decompressed.

A 300 KB gzip body can inflate to 300 MB, and httpx inflates whatever arrives. The retry
transport gives each response a decoder (`cap_body`) that stops at the client's
`max_response_size`: gzip and deflate are inflated here in steps that never produce more
than the bytes still allowed, so memory stays near the cap whatever the ratio; other
encodings (br, zstd, when installed) are inflated by httpx and counted chunk by chunk.
"""

from __future__ import annotations

import zlib

import httpx

__all__ = ["DEFAULT_MAX_RESPONSE_SIZE", "BodyTooLarge", "cap_body"]

DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
INFLATE_STEP = 1024 * 1024


class BodyTooLarge(httpx.DecodingError):
    """The body decompressed past the cap (an `httpx.DecodingError`, so httpx closes the
    response; the client turns it into `ResponseTooLargeError`)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response body is larger than {describe_size(limit)} decompressed")
        self.limit = limit


def describe_size(size: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


class _Counted(httpx._decoders.ContentDecoder):
    """An identity body (the usual case), refused past `limit` bytes."""

    __slots__ = ("_left", "_limit")

    def __init__(self, limit: int) -> None:
        self._left = limit
        self._limit = limit

    def decode(self, data: bytes) -> bytes:
        self._left -= len(data)
        if self._left < 0:
            raise BodyTooLarge(self._limit)
        return data

    def flush(self) -> bytes:
        return b""


class _Inflated(_Counted):
    """A gzip or deflate body, inflated a step at a time up to `limit` bytes."""

    __slots__ = ("_inflater", "_raw_deflate_tried")

    def __init__(self, limit: int, *, gzip: bool) -> None:
        super().__init__(limit)
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        # Only deflate may turn out to be raw deflate (without zlib's header), at the start.
        self._raw_deflate_tried = gzip

    def decode(self, data: bytes) -> bytes:
        return super().decode(self._inflate(data))

    def flush(self) -> bytes:
        return super().decode(self._inflater.flush())

    def _inflate(self, data: bytes) -> bytes:
        """`data` inflated a step at a time: zlib builds each step's output in blocks and then
        copies them, so one unbounded step would hold twice what it produces."""
        try:
            piece = self._inflater.decompress(data, min(self._left + 1, INFLATE_STEP))
        except zlib.error as error:
            if self._raw_deflate_tried:
                raise httpx.DecodingError(str(error)) from error
            # As httpx does: a "deflate" body is sometimes raw deflate, without zlib's header.
            self._raw_deflate_tried = True
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate(data)
        self._raw_deflate_tried = True
        if not self._inflater.unconsumed_tail:
            return piece
        inflated = bytearray(piece)
        while tail := self._inflater.unconsumed_tail:
            if len(inflated) > self._left:
                raise BodyTooLarge(self._limit)
            step = min(self._left + 1 - len(inflated), INFLATE_STEP)
            try:
                inflated += self._inflater.decompress(tail, step)
            except zlib.error as error:
                raise httpx.DecodingError(str(error)) from error
        return bytes(inflated)


class _CountedAfter(_Counted):
    """Another encoding (br, zstd, several): httpx's own decoder, its output counted."""

    __slots__ = ("_inner",)

    def __init__(self, limit: int, inner: httpx._decoders.ContentDecoder) -> None:
        super().__init__(limit)
        self._inner = inner

    def decode(self, data: bytes) -> bytes:
        return super().decode(self._inner.decode(data))

    def flush(self) -> bytes:
        return super().decode(self._inner.flush())


def cap_body(response: httpx.Response, limit: int | None) -> None:
    """Make `response` refuse to decode to more than `limit` bytes (None: no cap)."""
    if limit is None:
        return
    encoding = length = None
    # httpx.Headers keeps (raw name, lower-case name, value); a scan is cheaper than .get().
    for _, name, value in response.headers._list:
        if name == b"content-encoding":
            encoding = value.strip().lower()
        elif name == b"content-length":
            length = value
    if encoding is None or encoding == b"identity":
        if length is not None and length.isdigit() and int(length) <= limit:
            return  # h11 reads no more than Content-Length says: nothing to count
        response._decoder = _Counted(limit)
    elif encoding in (b"gzip", b"x-gzip", b"deflate"):
        response._decoder = _Inflated(limit, gzip=encoding != b"deflate")
    else:
        response._decoder = _CountedAfter(limit, response._get_content_decoder())
