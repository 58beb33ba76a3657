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


class _CappedDecoder(httpx._decoders.ContentDecoder):
    """Decodes the response's `Content-Encoding` (decided at the first chunk: most responses
    are read whole, and many have no body), refusing to produce more than `limit` bytes."""

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self._response = response
        self._left = limit
        self._limit = limit
        self._inflater: zlib._Decompress | None = None
        self._raw_deflate_tried = False
        self._other: httpx._decoders.ContentDecoder | None = None
        self._started = False

    def _start(self) -> None:
        self._started = True
        encoding = self._response.headers.get("content-encoding", "").strip().lower()
        if encoding in ("", "identity"):
            return
        if encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._raw_deflate_tried = True
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj()
        else:  # br, zstd, several encodings: httpx's own decoder, counted afterwards
            del self._response._decoder
            self._other = self._response._get_content_decoder()
            self._response._decoder = self

    def decode(self, data: bytes) -> bytes:
        if not self._started:
            self._start()
        if self._inflater is not None:
            return self._counted(self._inflate(data))
        if self._other is not None:
            return self._counted(self._other.decode(data))
        return self._counted(data)

    def flush(self) -> bytes:
        if self._inflater is not None:
            return self._counted(self._inflater.flush())
        if self._other is not None:
            return self._counted(self._other.flush())
        return b""

    def _inflate(self, data: bytes) -> bytes:
        """`data` inflated a step at a time: zlib builds each step's output in blocks and then
        copies them, so one unbounded step would hold twice what it produces."""
        assert self._inflater is not None
        try:
            piece = self._inflater.decompress(data, min(self._left + 1, INFLATE_STEP))
        except zlib.error as error:
            if self._raw_deflate_tried:
                raise httpx.DecodingError(str(error)) from error
            # As httpx does: a "deflate" body is sometimes raw deflate, without zlib's header.
            self._raw_deflate_tried = True
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate(data)
        self._raw_deflate_tried = True  # only the first chunk can tell which deflate it is
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

    def _counted(self, chunk: bytes) -> bytes:
        self._left -= len(chunk)
        if self._left < 0:
            raise BodyTooLarge(self._limit)
        return chunk


def cap_body(response: httpx.Response, limit: int | None) -> None:
    """Make `response` refuse to decode to more than `limit` bytes (None: no cap)."""
    if limit is not None:
        response._decoder = _CappedDecoder(response, limit)
