"""The quick multipart reader gives exactly what python-multipart (through Starlette) gives,
and leaves anything unusual to it."""

from __future__ import annotations

import asyncio

import httpx
from backbeat_sandbox.inbound import _parse_form, simple_multipart
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.datastructures import Headers

FIELD_NAMES = st.text(alphabet="abcdefghij_", min_size=1, max_size=8)
FIELDS = st.lists(
    st.tuples(FIELD_NAMES, st.text(max_size=30)), max_size=5, unique_by=lambda field: field[0]
)
FILES = st.lists(
    st.tuples(FIELD_NAMES, st.text(alphabet="ab.", max_size=5), st.binary(max_size=40)),
    max_size=2,
)


def _encoded(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
) -> tuple[str, bytes]:
    request = httpx.Request(
        "POST",
        "http://x/",
        data=dict(fields),
        files=[(name, (filename, content)) for name, filename, content in files] or None,
    )
    if not files:  # httpx sends a plain form without files: force multipart
        request = httpx.Request("POST", "http://x/", data=dict(fields), files={"f": ("", b"")})
    return request.headers["content-type"], request.read()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(fields=FIELDS, files=FILES)
def test_the_quick_reader_agrees_with_python_multipart(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
) -> None:
    try:
        content_type, body = _encoded(fields, files)
    except UnicodeEncodeError:
        return  # httpx cannot send lone surrogates
    quick = simple_multipart(content_type, body)
    assert quick is not None
    headers = Headers({"content-type": content_type})
    assert quick == asyncio.run(_slow(headers, body))


async def _slow(headers: Headers, body: bytes) -> object:
    import backbeat_sandbox.inbound as inbound

    real = inbound.simple_multipart
    inbound.simple_multipart = lambda content_type, body: None
    try:
        return await _parse_form(headers, "multipart/form-data", body)
    finally:
        inbound.simple_multipart = real


def test_unusual_framing_is_left_to_python_multipart() -> None:
    assert simple_multipart("multipart/form-data", b"--x\r\n") is None  # no boundary
    assert simple_multipart("multipart/form-data; boundary=x", b"preamble--x\r\n--x--") is None
    starred = b"--x\r\nContent-Disposition: form-data; name*=UTF-8''a\r\n\r\nv\r\n--x--\r\n"
    assert simple_multipart("multipart/form-data; boundary=x", starred) is None
