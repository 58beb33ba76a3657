"""One validator for every layer: Draft 2020-12 that asserts formats, `uri` by RFC 3986 whatever
optional packages are installed."""

from __future__ import annotations

from typing import Any

import pytest
from backbeat_specs import format_checker, schema_validator
from backbeat_specs.formats import is_uri
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import FormatChecker

SCHEMES = st.from_regex(r"[a-z][a-z0-9+.\-]{0,8}", fullmatch=True)
SEGMENTS = st.lists(st.from_regex(r"[A-Za-z0-9\-._~]{0,8}", fullmatch=True), max_size=4)


@given(scheme=SCHEMES, host=st.from_regex(r"[a-z0-9]{1,10}(\.[a-z]{2,5})?", fullmatch=True),
       segments=SEGMENTS)  # fmt: skip
def test_an_absolute_uri_is_a_uri(scheme: str, host: str, segments: list[str]) -> None:
    assert is_uri(f"{scheme}://{host}/{'/'.join(segments)}")
    assert schema_validator({"format": "uri"}).is_valid(f"{scheme}://{host}")


@given(text=st.from_regex(r"[A-Za-z0-9./]*", fullmatch=True))
def test_a_string_without_a_scheme_is_not_a_uri(text: str) -> None:
    assert not is_uri(text)
    assert not schema_validator({"type": "string", "format": "uri"}).is_valid(text)


@pytest.mark.parametrize(
    "text",
    ["http://exa mple.org/", "http://[zz::1]/", "https://example.org/%zz", "youtube.com/watch?v=1"],
    ids=["space", "bad-ip-literal", "bad-percent", "no-scheme"],
)
def test_malformed_uris_are_refused(text: str) -> None:
    assert not is_uri(text)


@given(value=st.one_of(st.integers(), st.booleans(), st.none(), st.lists(st.integers())))
def test_formats_constrain_strings_only(value: Any) -> None:
    assert schema_validator({"format": "uri"}).is_valid(value)
    assert schema_validator({"format": "date-time"}).is_valid(value)


def test_every_format_jsonschema_checks_is_asserted_and_uri_too() -> None:
    assert set(format_checker().checkers) == set(FormatChecker().checkers) | {"uri"}
    for fmt, bad in (("date-time", "yesterday"), ("uuid", "not-a-uuid"), ("email", "nobody")):
        assert not schema_validator({"format": fmt}).is_valid(bad), fmt
    assert schema_validator({"format": "date-time"}).is_valid("2026-01-02T03:04:05Z")
    assert format_checker() is format_checker(), "one checker, shared"
