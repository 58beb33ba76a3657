"""Trackyard behaviour of the sandbox: magic keys, credits, windows, usage, validation, Prefer."""

from __future__ import annotations

import pytest
from backbeat_sandbox import create_app
from starlette.testclient import TestClient

from tests.sandbox.conftest import TRACKYARD, FakeClock, bearer

SEARCH = {"query": "upbeat electronic"}


def call(client: TestClient, key: str, method: str, path: str, **kwargs: object):  # type: ignore[no-untyped-def]
    headers = {**bearer(key), **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    return client.request(method, TRACKYARD + path, headers=headers, **kwargs)  # type: ignore[arg-type]


def test_free_key_reports_its_tier_and_limits(client: TestClient) -> None:
    response = call(client, "ty_test_free_me", "GET", "/me")
    assert response.status_code == 200
    me = response.json()
    assert me["tier"] == "free"
    assert me["credits_remaining"] == 50
    assert me["monthly_allowance"] == 0
    assert me["rate_limit"] == {"requests_per_minute": 5, "requests_per_day": 50}
    assert me["created_at"] == "2026-02-20T15:06:40Z"
    assert me["last_used_at"] is None
    assert response.headers["X-RateLimit-Limit"] == "5"
    assert response.headers["X-RateLimit-Remaining"] == "4"
    assert response.headers["X-RateLimit-Limit-Daily"] == "50"
    assert response.headers["X-RateLimit-Remaining-Daily"] == "49"
    assert response.headers["X-Credits-Remaining"] == "50"


def test_pro_key_has_no_daily_cap(client: TestClient) -> None:
    response = call(client, "ty_test_pro", "GET", "/me")
    assert response.json()["rate_limit"] == {"requests_per_minute": 300, "requests_per_day": None}
    assert "X-RateLimit-Limit-Daily" not in response.headers
    assert "X-RateLimit-Remaining-Daily" not in response.headers
    assert response.headers["X-RateLimit-Limit"] == "300"


def test_paid_calls_charge_one_credit_only_on_success(client: TestClient) -> None:
    assert (
        call(client, "ty_test_starter_c", "POST", "/search", json=SEARCH).json()[
            "credits_remaining"
        ]
        == 299
    )
    failed = call(client, "ty_test_starter_c", "POST", "/search", json={"query": 1})
    assert failed.status_code == 400
    assert failed.headers["X-Credits-Remaining"] == "299"
    missing = call(client, "ty_test_starter_c", "POST", "/download-track", json={"track_id": "x"})
    assert missing.status_code == 404
    assert missing.headers["X-Credits-Remaining"] == "299"
    assert call(client, "ty_test_starter_c", "GET", "/me").json()["credits_remaining"] == 299


def test_suffixed_keys_are_independent_accounts(client: TestClient) -> None:
    call(client, "ty_test_free_a", "POST", "/search", json=SEARCH)
    assert call(client, "ty_test_free_a", "GET", "/me").json()["credits_remaining"] == 49
    assert call(client, "ty_test_free_b", "GET", "/me").json()["credits_remaining"] == 50
    assert call(client, "ty_test_free", "GET", "/me").json()["credits_remaining"] == 50


@pytest.mark.parametrize(
    ("key", "path", "body", "status", "code"),
    [
        ("ty_test_exhausted", "/search", SEARCH, 402, "out_of_credits"),
        ("ty_test_exhausted", "/download-track", {"track_id": "trk_abc123"}, 402, "out_of_credits"),
        ("ty_test_revoked", "/search", SEARCH, 401, "unauthorized"),
        ("ty_test_nodownload", "/download-track", {"track_id": "trk_abc123"}, 403,
         "insufficient_permissions"),
        ("ty_test_starter", "/download-track", {"track_id": "trk_server_error"}, 500,
         "internal_error"),
        ("ty_test_starter", "/download-track", {"track_id": "trk_missing"}, 404, "track_not_found"),
        ("ty_test_unknown", "/search", SEARCH, 401, "unauthorized"),
        ("ty_test_free_has_bad-suffix", "/search", SEARCH, 401, "unauthorized"),
    ],
)  # fmt: skip
def test_magic_values_give_their_documented_status(
    client: TestClient, key: str, path: str, body: dict[str, object], status: int, code: str
) -> None:
    response = call(client, key, "POST", path, json=body)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_exhausted_key_still_reaches_free_operations(client: TestClient) -> None:
    assert call(client, "ty_test_exhausted", "GET", "/me").json()["credits_remaining"] == 0
    assert call(client, "ty_test_exhausted", "GET", "/usage").status_code == 200


def test_revoked_key_says_so(client: TestClient) -> None:
    response = call(client, "ty_test_revoked", "GET", "/me")
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]
    assert "X-RateLimit-Limit" not in response.headers


@pytest.mark.parametrize(
    "authorization",
    ["", "ty_test_free", "Basic ty_test_free", "Bearer", "Bearer a b", "Bearer \x7f"],
)
def test_missing_or_malformed_authorization_is_401(client: TestClient, authorization: str) -> None:
    response = client.get(TRACKYARD + "/me", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_server_error_track_is_not_charged(client: TestClient) -> None:
    response = call(client, "ty_test_starter_e", "POST", "/download-track",
                    json={"track_id": "trk_server_error"})  # fmt: skip
    assert response.json()["request_id"].startswith("req_")
    assert response.headers["X-Credits-Remaining"] == "300"


def test_tinylimit_answers_429_on_the_third_call_and_frees_with_the_window(
    client: TestClient, clock: FakeClock
) -> None:
    clock.now = clock.now - clock.now % 60 + 15  # 15 s into a minute window
    statuses = [call(client, "ty_test_tinylimit_w", "GET", "/me").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = call(client, "ty_test_tinylimit_w", "GET", "/me")
    assert limited.headers["Retry-After"] == "45"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert limited.json()["code"] == "rate_limit_exceeded"
    clock.advance(44.5)
    assert call(client, "ty_test_tinylimit_w", "GET", "/me").headers["Retry-After"] == "1"
    clock.advance(0.5)
    assert call(client, "ty_test_tinylimit_w", "GET", "/me").status_code == 200


def test_daily_window_spends_and_reports_seconds_until_midnight(
    client: TestClient, clock: FakeClock
) -> None:
    for _ in range(10):  # 50 calls at 5 per minute
        for _ in range(5):
            assert call(client, "ty_test_free_day", "GET", "/me").status_code == 200
        clock.advance(60)
    limited = call(client, "ty_test_free_day", "GET", "/me")
    assert limited.status_code == 429
    assert limited.headers["X-RateLimit-Remaining-Daily"] == "0"
    assert limited.headers["X-RateLimit-Remaining"] == "0"  # the spec's const on a 429
    seconds_to_midnight = 86_400 - int(clock.now % 86_400)
    assert int(limited.headers["Retry-After"]) == seconds_to_midnight


def test_usage_pages_newest_first(client: TestClient, clock: FakeClock) -> None:
    key = "ty_test_pro_u"
    for path in ("/me", "/search", "/me"):
        body = SEARCH if path == "/search" else None
        call(client, key, "POST" if body else "GET", path, json=body)
        clock.advance(1)
    call(client, key, "POST", "/search", json={"query": 5})
    first = call(client, key, "GET", "/usage", params={"limit": 2}).json()
    assert first["total_count"] == 4
    assert (first["offset"], first["limit"]) == (0, 2)
    assert [(r["endpoint"], r["status_code"], r["credits_consumed"]) for r in first["usage"]] == [
        ("/search", 400, 0),
        ("/me", 200, 0),
    ]
    assert first["usage"][0]["timestamp"] == "2026-02-20T15:06:43Z"
    second = call(client, key, "GET", "/usage", params={"limit": "2", "offset": "2"}).json()
    assert second["total_count"] == 5  # the first /usage call is logged too, newest
    assert [(r["endpoint"], r["credits_consumed"]) for r in second["usage"]] == [
        ("/me", 0),
        ("/search", 1),
    ]
    empty = call(client, key, "GET", "/usage", params={"offset": 100}).json()
    assert empty["usage"] == []
    assert call(client, key, "GET", "/usage").json()["limit"] == 50


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": "0"}, "limit: 0 is less than the minimum of 1"),
        ({"limit": "101"}, "limit: 101 is greater than the maximum of 100"),
        ({"limit": "ten"}, "limit: 'ten' is not of type 'integer'"),
        ({"offset": "-1"}, "offset: -1 is less than the minimum of 0"),
        ({"limit": "2.5"}, "limit: 2.5 is not of type 'integer'"),
    ],
)
def test_bad_usage_paging_is_400(client: TestClient, params: dict[str, str], message: str) -> None:
    response = call(client, "ty_test_pro", "GET", "/usage", params=params)
    assert response.status_code == 400
    assert response.json() == {"error": "Bad Request", "message": message,
                               "code": "invalid_parameters"}  # fmt: skip


def test_integral_floats_are_integers(client: TestClient) -> None:
    assert (
        call(client, "ty_test_pro", "GET", "/usage", params={"limit": "17.0"}).json()["limit"] == 17
    )
    response = call(client, "ty_test_pro", "POST", "/search",
                    json={"query": "piano", "limit": 2.0, "offset": 0.0})  # fmt: skip
    assert response.status_code == 200
    assert len(response.json()["tracks"]) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"track_id": "trk_abc123", "hit_point_seconds": 3},
         "hit_point_seconds requires duration_seconds"),
        ({"track_id": "trk_abc123", "duration_seconds": 20, "hit_point_seconds": 20},
         "hit_point_seconds must be less than duration_seconds"),
        ({"track_id": "trk_abc123", "duration_seconds": 9}, "duration_seconds: 9 is less than"),
        ({"track_id": "trk_abc123", "duration_seconds": 301}, "duration_seconds: 301 is greater"),
        ({"track_id": "trk_abc123", "duration_seconds": "30"}, "duration_seconds: '30' is not of"),
        ({"track_id": 7}, "track_id: 7 is not of type 'string'"),
        ({}, "body: 'track_id' is a required property"),
        ([], "body: [] is not of type 'object'"),
    ],
)  # fmt: skip
def test_invalid_download_requests_name_the_problem(
    client: TestClient, body: object, message: str
) -> None:
    response = call(client, "ty_test_pro", "POST", "/download-track", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
    assert response.json()["message"].startswith(message)


@pytest.mark.parametrize(
    ("content", "content_type", "fragment"),
    [
        (b'{"query": "x"', "application/json", "malformed JSON"),
        (b"\xff\xfe{}", "application/json", "not valid UTF-8"),
        (b'{"query": "x", "limit": NaN}', "application/json", "NaN is not a valid JSON value"),
        (b'{"query": "x", "limit": Infinity}', "application/json", "Infinity"),
        (b"[" * 50_000 + b"]" * 50_000, "application/json", "larger than the limit of 64 KiB"),
        (b"[" * 30_000 + b"]" * 30_000, "application/json", "nested too deeply"),
        (b'"just a string"', "application/json", "is not of type 'object'"),
        (b"null", "application/json", "None is not of type 'object'"),
        (b'{"query": "x"}', "text/plain", "Content-Type must be application/json"),
        (b'{"query": "x"}', "", "Content-Type must be application/json"),
        (b"", "application/json", "request body is required"),
        (b'{"query": "x", "limit": 1' + b"0" * 5000 + b"}", "application/json", "malformed JSON"),
        (b'{"query": "' + b"x" * 70_000 + b'"}', "application/json", "larger than the limit"),
    ],
)  # fmt: skip
def test_garbage_bodies_are_400_never_500(
    client: TestClient, content: bytes, content_type: str, fragment: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = call(client, "ty_test_pro", "POST", "/search", content=content, headers=headers)
    assert response.status_code == 400
    assert fragment in response.json()["message"]


def test_garbage_headers_never_crash(client: TestClient) -> None:
    headers = [(b"authorization", b"Bearer \xff\xfe"), (b"prefer", b"\xff=\x00")]
    for name, value in headers:
        response = client.get(TRACKYARD + "/me", headers={name: value})
        assert response.status_code < 500


def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert call(client, "ty_test_pro", "GET", "/nope").status_code == 404
    wrong_method = call(client, "ty_test_pro", "DELETE", "/search")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "POST"


DOCUMENTED = (
    [("/search", "POST", s) for s in (200, 400, 401, 402, 403, 429, 500)]
    + [("/download-track", "POST", s) for s in (200, 400, 401, 402, 403, 404, 429, 500)]
    + [("/me", "GET", s) for s in (200, 401, 403, 429, 500)]
    + [("/usage", "GET", s) for s in (200, 400, 401, 403, 429, 500)]
)


def test_prefer_code_forces_each_documented_status(client: TestClient) -> None:
    """Every (operation, documented status), each on a freshly reset sandbox."""
    for path, method, status in DOCUMENTED:
        assert client.post("/_sandbox/reset").status_code == 200
        body = {"track_id": "trk_abc123"} if path == "/download-track" else SEARCH
        response = call(client, "ty_test_free_p", method, path,
                        headers={"Prefer": f"code={status}"},
                        json=body if method == "POST" else None)  # fmt: skip
        case = (path, status)
        assert response.status_code == status, case
        if status == 429:
            assert int(response.headers["Retry-After"]) >= 0, case
            assert response.headers["X-RateLimit-Remaining"] == "0", case
        if status == 200 and path == "/download-track":
            assert response.headers["Content-Type"] == "audio/mpeg"
            assert response.headers["X-Track-Id"] == "trk_abc123"
        else:
            assert response.headers["Content-Type"] == "application/json", case


def test_prefer_is_free_logged_and_needs_a_valid_key(client: TestClient) -> None:
    key = "ty_test_free_f"
    forced = call(client, key, "POST", "/search", json=SEARCH, headers={"Prefer": "code=200"})
    assert forced.json()["credits_remaining"] == 487  # the spec's example body
    assert forced.headers["X-Credits-Remaining"] == "50"
    usage = call(client, key, "GET", "/usage").json()["usage"]
    assert [(r["endpoint"], r["status_code"], r["credits_consumed"]) for r in usage] == [
        ("/search", 200, 0)
    ]
    unauthenticated = client.get(TRACKYARD + "/me", headers={"Prefer": "code=200"})
    assert unauthenticated.status_code == 401


def test_prefer_example_picks_a_named_example(client: TestClient) -> None:
    response = call(client, "ty_test_pro", "POST", "/search", json=SEARCH,
                    headers={"Prefer": "code=400, example=out_of_range"})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["message"] == "limit: 500 is greater than the maximum of 100"
    pro = call(client, "ty_test_pro", "GET", "/me", headers={"Prefer": "example=pro_key"})
    assert pro.json()["tier"] == "pro"


@pytest.mark.parametrize(
    ("prefer", "fragment"),
    [
        ("code=404", "code=404 is not documented for search (documented: 200, 400, 401, 402"),
        ("code=abc", "is not an HTTP status code"),
        ("code=400, example=nope", "example='nope' is not documented for search status 400"),
        ("example=nope", "example='nope' is not documented for search"),
    ],
)
def test_prefer_for_something_undocumented_is_400(
    client: TestClient, prefer: str, fragment: str
) -> None:
    response = call(client, "ty_test_pro", "POST", "/search", json=SEARCH,
                    headers={"Prefer": prefer})  # fmt: skip
    assert response.status_code == 400
    assert fragment in response.json()["message"]


def test_unrelated_prefer_tokens_are_ignored(client: TestClient) -> None:
    response = call(client, "ty_test_pro", "GET", "/me", headers={"Prefer": "respond-async"})
    assert response.status_code == 200
    assert response.json()["tier"] == "pro"


def test_same_requests_in_same_order_give_same_responses() -> None:
    def run() -> list[tuple[int, bytes, dict[str, str]]]:
        with TestClient(create_app(clock=FakeClock())) as client:
            steps = [
                ("GET", "/me", None),
                ("POST", "/search", {"query": "calm piano", "limit": 5}),
                ("POST", "/download-track", {"track_id": "trk_abc123", "duration_seconds": 15}),
                ("POST", "/download-track", {"track_id": "trk_server_error"}),
                ("GET", "/usage", None),
            ]
            responses = [call(client, "ty_test_starter", m, p, json=b) for m, p, b in steps]
            return [(r.status_code, r.content, dict(r.headers)) for r in responses]

    assert run() == run()


def test_reset_restores_the_initial_state(client: TestClient) -> None:
    call(client, "ty_test_free", "POST", "/search", json=SEARCH)
    assert client.post("/_sandbox/reset").status_code == 200
    assert call(client, "ty_test_free", "GET", "/me").json()["credits_remaining"] == 50


def test_reset_is_absent_unless_enabled() -> None:
    with TestClient(create_app(clock=FakeClock())) as client:
        assert client.post("/_sandbox/reset").status_code == 404
        assert client.get("/_sandbox/health").json() == {"status": "ok"}
