"""Statuses become the right exception class, whatever the error body looks like."""

from __future__ import annotations

import json
from collections.abc import Callable

import backbeat
import httpx
import pytest
import respx
from backbeat import APIError, APIStatusError

from .conftest import API_KEY, Handle

# The table: each documented error status and its class; >= 500 share one class and
# anything else undocumented is a plain APIStatusError.
STATUS_CLASSES = [
    *{
        400: backbeat.BadRequestError, 401: backbeat.AuthenticationError,
        402: backbeat.PaymentRequiredError, 403: backbeat.PermissionDeniedError,
        404: backbeat.NotFoundError, 409: backbeat.ConflictError,
        422: backbeat.UnprocessableEntityError, 429: backbeat.RateLimitError,
    }.items(),
    *((status, backbeat.InternalServerError) for status in (500, 502, 503, 504, 507)),
    *((status, APIStatusError) for status in (418, 405, 302)),
]  # fmt: skip


def raised(client: Handle, method: str, *args: object, times: int) -> list[APIStatusError]:
    """Call `method` `times` times; each call must raise; returns the exceptions."""
    caught = []
    for _ in range(times):
        with pytest.raises(APIStatusError) as info:
            client.call(method, *args)
        caught.append(info.value)
    return caught


def test_hierarchy() -> None:
    assert issubclass(backbeat.APIError, backbeat.BackbeatError)
    assert issubclass(backbeat.APIConnectionError, backbeat.APIError)
    assert issubclass(backbeat.APITimeoutError, backbeat.APIConnectionError)
    assert issubclass(backbeat.APIStatusError, backbeat.APIError)
    for _, exception_class in STATUS_CLASSES:
        assert issubclass(exception_class, APIStatusError)
    assert not issubclass(APIStatusError, backbeat.APIConnectionError)


def test_status_maps_to_class(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    """Each status of the table raises its class, carrying the error body's fields."""
    body = {"error": "Some Reason", "message": "what went wrong", "code": "some_code"}
    client = make_client(max_retries=0)
    for status, exception_class in STATUS_CLASSES:
        mock_api.get("/me").respond(status, json=body, headers={"Retry-After": "1"})
        with pytest.raises(APIStatusError) as caught:
            client.call("me")
        error = caught.value
        assert type(error) is exception_class, status
        assert error.status_code == status
        assert error.message == "what went wrong"
        assert error.error == "Some Reason"
        assert error.code == "some_code"
        assert error.body == body
        assert error.headers["retry-after"] == "1"
        assert str(error) == f"{status}: what went wrong"


@pytest.mark.parametrize(
    ("body", "message", "error_field", "code"),
    [
        # the /me page's shape: error + code, no message
        (b'{"error":"Invalid API key","code":"unauthorized"}', "Invalid API key", "Invalid API key",
         "unauthorized"),
        # missing everything
        (b"{}", "Unauthorized", None, None),
        # extra fields and wrong types
        (b'{"message": 5, "error": ["x"], "code": null, "extra": {"a": 1}}', "5", None, None),
        # not JSON at all: a proxy's HTML page
        (b"<html><h1>Bad Gateway</h1></html>", "<html><h1>Bad Gateway</h1></html>", None, None),
        # empty body
        (b"", "Unauthorized", None, None),
        # JSON that is not an object
        (b'["a", "b"]', "Unauthorized", None, None),
        # truncated JSON
        (b'{"error": "Unauth', '{"error": "Unauth', None, None),
        # a detail object (MusicGPT style) when nothing else is there
        (b'{"detail": {"field": "prompt"}}', '{"field": "prompt"}', None, None),
    ],
)  # fmt: skip
def test_lenient_error_bodies(
    mock_api: respx.MockRouter,
    make_client: Callable[..., Handle],
    body: bytes,
    message: str,
    error_field: str | None,
    code: str | None,
) -> None:
    mock_api.get("/me").respond(401, content=body, headers={"Content-Type": "application/json"})
    with pytest.raises(backbeat.AuthenticationError) as caught:
        make_client().call("me")
    assert caught.value.message == message
    assert caught.value.error == error_field
    assert caught.value.code == code


def test_non_json_body_is_kept_as_text(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.post("/search").respond(502, text="<html>proxy</html>")
    with pytest.raises(backbeat.InternalServerError) as caught:
        make_client(max_retries=0).call("search", "piano")
    assert caught.value.body == "<html>proxy</html>"
    assert caught.value.status_code == 502


def test_empty_body_gives_none(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.post("/search").respond(500)
    with pytest.raises(backbeat.InternalServerError) as caught:
        make_client(max_retries=0).call("search", "piano")
    assert caught.value.body is None
    assert caught.value.message == "Internal Server Error"


def test_request_id_from_body_or_header(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.get("/me").mock(
        side_effect=[
            httpx.Response(500, json={"error": "x", "message": "y", "request_id": "req_body"}),
            httpx.Response(500, json={"error": "x"}, headers={"X-Request-Id": "req_header"}),
        ]
    )
    first, second = raised(make_client(max_retries=0), "me", times=2)
    assert (first.request_id, second.request_id) == ("req_body", "req_header")


def test_payment_required_credit_fields(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.post("/search").mock(
        side_effect=[
            httpx.Response(402, json={"error": "Out of credits", "required_credits": 3,
                                      "available_credits": 0.5}),
            httpx.Response(402, json={"error": "Out of credits", "required_credits": "3"}),
        ]
    )  # fmt: skip
    full, partial = raised(make_client(), "search", "piano", times=2)
    assert isinstance(full, backbeat.PaymentRequiredError)
    assert isinstance(partial, backbeat.PaymentRequiredError)
    assert (full.required_credits, full.available_credits) == (3, 0.5)
    assert (partial.required_credits, partial.available_credits) == (None, None)
    assert mock_api.routes[0].call_count == 2  # 402 is never retried


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json", "application/json"),
        (b'{"tracks": "nope", "credits_remaining": 3}', "application/json"),
        (b'{"credits_remaining": 3}', "application/json"),
        (b'{"tracks": [], "credits_remaining": "three"}', "application/json"),
        (b'{"tracks": [{"id": "t", "title": 1, "artist": "a", "duration_seconds": 3}], '
         b'"credits_remaining": 3}', "application/json"),
        (b'{"tracks": [{"id": "t"}], "credits_remaining": 3}', "application/json"),
        (b'{"tracks": [], "credits_remaining": true}', "application/json"),
        (b"[]", "application/json"),
        (b"", "text/plain"),
    ],
)  # fmt: skip
def test_success_body_that_breaks_the_spec_is_an_api_error(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], body: bytes, content_type: str
) -> None:
    mock_api.post("/search").respond(200, content=body, headers={"Content-Type": content_type})
    with pytest.raises(APIError) as caught:
        make_client().call("search", "piano")
    assert type(caught.value) is APIError
    assert caught.value.message.startswith("search: ")
    assert "spec" in caught.value.message


@pytest.mark.parametrize("status", [201, 204, 299])
def test_undocumented_success_status_is_an_api_error(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle], status: int
) -> None:
    mock_api.get("/me").respond(status, json={"tier": "free"})
    with pytest.raises(APIError) as caught:
        make_client().call("me")
    assert type(caught.value) is APIError


def test_valid_success_body_passes(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    body = {
        "tracks": [{"id": "trk_1", "title": "T", "artist": "A", "duration_seconds": 142.5,
                    "bpm": 120, "moods": ["Calm"], "energy_level": "low", "extra": [1]}],
        "credits_remaining": 7,
    }  # fmt: skip
    mock_api.post("/search").respond(200, json=body)
    result = make_client().call("search", "piano")
    assert result.tracks[0].id == "trk_1"
    assert result.tracks[0].energy_level == "low"
    assert result.credits_remaining == 7


def test_key_is_redacted_from_error_messages_and_bodies(
    mock_api: respx.MockRouter, make_client: Callable[..., Handle]
) -> None:
    mock_api.get("/me").respond(
        401, json={"error": "Unauthorized", "message": f"bad key {API_KEY}"}
    )
    with pytest.raises(backbeat.AuthenticationError) as caught:
        make_client().call("me")
    for text in (
        str(caught.value),
        repr(caught.value),
        caught.value.message,
        json.dumps(caught.value.body),
    ):
        assert API_KEY not in text
    assert "[redacted]" in caught.value.message
