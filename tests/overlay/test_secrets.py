"""API keys: checked at construction, and never in anything the client keeps or raises, in
whatever encoding a server echoes them. The echoes come from one table of encodings."""

from __future__ import annotations

import base64
import html
import json
import logging
import traceback
import urllib.parse
import warnings
from collections.abc import Callable

import httpx
import pytest
from backbeat import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AsyncTrackyard,
    MusicGPT,
    Trackyard,
)
from backbeat._logging import LOGGER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE_URL = "https://trackyard.test/api/external/v1"


def _json_escaped(key: str) -> str:
    """As PHP's json_encode writes it: `/` as `\\/`."""
    return json.dumps(key)[1:-1].replace("/", "\\/")


# Every way a server has been seen to echo a key back. Each test below draws from this table.
ECHOES: dict[str, Callable[[str], str]] = {
    "raw": lambda key: key,
    "JSON-escaped": _json_escaped,
    "\\u escapes": lambda key: "".join(f"\\u{ord(c):04x}" for c in key),
    "\\u escapes, upper-case hex": lambda key: "".join(f"\\u{ord(c):04X}" for c in key),
    "percent-encoded": lambda key: urllib.parse.quote(key, safe=""),
    "percent-encoded, lower-case hex": lambda key: "".join(f"%{ord(c):02x}" for c in key),
    "form-encoded": lambda key: urllib.parse.quote_plus(key, safe=""),
    "HTML entities": lambda key: html.escape(key),
    "HTML decimal references": lambda key: "".join(f"&#{ord(c)};" for c in key),
    "HTML hex references": lambda key: "".join(f"&#x{ord(c):x};" for c in key),
    "basic auth (base64 of user:key)": lambda key: base64.b64encode(
        f"user:{key}".encode()
    ).decode(),
    "basic auth, other user length": lambda key: base64.b64encode(f"ab:{key}".encode()).decode(),
    "base64 of the key": lambda key: base64.b64encode(key.encode()).decode(),
}

KEY_CHARACTERS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+=&<>'\"%:~!?#@"
)
KEYS = st.text(KEY_CHARACTERS, min_size=10, max_size=48).map(lambda rest: f"ty_{rest}")
ENCODINGS = st.sampled_from(sorted(ECHOES))


def _texts_of(error: BaseException) -> list[str]:
    """Everything a user may print or log of an exception."""
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    texts += [repr(arg) for arg in error.args]
    for name in ("message", "body", "headers", "request_id", "error", "code"):
        texts.append(repr(getattr(error, name, None)))
    request = getattr(error, "request", None)
    if request is not None:
        texts += [str(request.url), repr(list(request.headers.items()))]
    return texts


def _assert_absent(key: str, echo: str, texts: list[str]) -> None:
    for text in texts:
        assert key not in text
        assert echo not in text


def _rejecting(body: str, headers: dict[str, str]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(401, text=body, headers=headers))


def _error_of_me(key: str, transport: httpx.BaseTransport) -> APIError:
    """What `me()` raises through `transport`."""
    client = Trackyard(key, base_url=BASE_URL, transport=transport, max_retries=0)
    try:
        client.me()
    except APIError as error:
        return error
    finally:
        client.close()
    raise AssertionError("me() did not fail")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=KEYS, encoding=ENCODINGS)
def test_an_echoed_key_is_scrubbed_from_the_error_in_every_encoding(
    key: str, encoding: str
) -> None:
    echo = ECHOES[encoding](key)
    body = '{"error": "invalid_key", "message": "unknown key ' + echo + '", "key": "' + echo + '"}'
    transport = _rejecting(
        body, {"x-echo": echo, "www-authenticate": f"Basic {echo}", "x-request-id": echo}
    )
    error = _error_of_me(key, transport)
    assert isinstance(error, APIStatusError)
    _assert_absent(key, echo, _texts_of(error))
    assert "[redacted]" in error.message


@settings(max_examples=30, deadline=None)
@given(key=KEYS, encoding=ENCODINGS)
def test_an_echoed_key_is_scrubbed_from_a_non_json_body(key: str, encoding: str) -> None:
    echo = ECHOES[encoding](key)
    transport = _rejecting(f"<html><body>Forbidden for {echo}</body></html>", {})
    error = _error_of_me(key, transport)
    assert isinstance(error, APIStatusError)
    _assert_absent(key, echo, _texts_of(error))


@settings(max_examples=30, deadline=None)
@given(key=KEYS, encoding=ENCODINGS)
def test_an_echoed_key_is_scrubbed_from_the_chained_transport_error(
    key: str, encoding: str
) -> None:
    echo = ECHOES[encoding](key)

    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"proxy refused credentials {echo}", request=request)

    transport = httpx.MockTransport(fail)
    error = _error_of_me(key, transport)
    assert isinstance(error, APIConnectionError)
    assert error.__cause__ is not None
    _assert_absent(key, echo, _texts_of(error))


@settings(max_examples=30, deadline=None)
@given(key=KEYS, encoding=ENCODINGS)
def test_an_echoed_key_is_scrubbed_from_log_records(key: str, encoding: str) -> None:
    echo = ECHOES[encoding](key)
    Trackyard(key, base_url=BASE_URL)  # registers the key with the logger
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    LOGGER.addHandler(handler)
    try:
        try:
            raise ValueError(f"server said {echo}")
        except ValueError:
            LOGGER.warning("a value %s", echo, exc_info=True)
    finally:
        LOGGER.removeHandler(handler)
    assert records
    _assert_absent(key, echo, records)


def test_a_key_with_a_trailing_newline_is_stripped_with_a_warning() -> None:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers["authorization"])
        return httpx.Response(200, json={})

    with pytest.warns(UserWarning, match="api_key had surrounding whitespace") as warned:
        client = Trackyard(
            "ty_test_pro_SECRET\n", base_url=BASE_URL, transport=httpx.MockTransport(answer)
        )
    assert "SECRET" not in str(warned[0].message)
    with client, pytest.raises(APIError, match="not the Me the API spec describes"):
        client.me()  # an empty body: only the header sent matters here
    assert sent == ["Bearer ty_test_pro_SECRET"]


def test_a_key_from_the_environment_is_checked_the_same_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MUSICGPT_API_KEY", "mg_SECRET\t\n")
    with pytest.warns(UserWarning, match="MUSICGPT_API_KEY had surrounding whitespace"):
        client = MusicGPT()
    assert client._api_key == "mg_SECRET"


@pytest.mark.parametrize("bad", ["ty_SEC\nRET", "ty_SEC\x00RET", "ty_SEC\x7fRET", "ty_SECRÉT"])
def test_a_key_with_a_control_or_non_ascii_character_is_refused_without_showing_it(
    bad: str,
) -> None:
    for client_class in (Trackyard, AsyncTrackyard):
        with pytest.raises(ValueError, match="api_key contains a") as caught:
            client_class(bad, base_url=BASE_URL)
        assert "SEC" not in str(caught.value)
        assert "RET" not in str(caught.value)


def test_a_key_that_is_not_a_string_is_a_type_error_naming_the_argument() -> None:
    with pytest.raises(TypeError, match=r"^api_key must be a str, not int$"):
        Trackyard(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^api_key must be a str, not bytes$"):
        MusicGPT(b"mg_SECRET")  # type: ignore[arg-type]


def test_the_request_kept_on_an_error_carries_no_key() -> None:
    error = _error_of_me("ty_SECRET_abcdef", _rejecting('{"message": "no"}', {}))
    assert isinstance(error, APIStatusError)
    request = error.request
    assert request is not None
    assert request.url.path.endswith("/me")
    assert request.headers["authorization"] == "[redacted]"


def test_a_clean_key_constructs_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Trackyard("ty_clean_key", base_url=BASE_URL)
