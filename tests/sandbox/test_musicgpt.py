"""MusicGPT behaviour of the sandbox: task lifecycle, plan limits, balance, keys, multipart."""

from __future__ import annotations

from typing import Any

import pytest
from backbeat_sandbox import create_app
from starlette.testclient import TestClient

from tests.sandbox.conftest import MUSICGPT, FakeClock
from tests.sandbox.musicgpt_spec import SPEC

MUSIC = {"prompt": "A calm lo-fi beat with soft piano", "title": "Study Night"}
AUDIO = {"audio_file": ("take.mp3", b"ID3fake-audio", "audio/mpeg")}


def call(client: TestClient, key: str | None, method: str, path: str, **kwargs: Any) -> Any:
    headers = {"Authorization": key} if key is not None else {}
    headers.update(kwargs.pop("headers", {}))
    return client.request(method, MUSICGPT + path, headers=headers, **kwargs)


def poll(client: TestClient, key: str, **query: str) -> Any:
    return call(client, key, "GET", "/v1/byId", params=query)


SPEC_OPS = {
    operation["operationId"]: operation
    for item in SPEC["paths"].values()
    for operation in item.values()
}


def balance(client: TestClient, key: str) -> float:
    """The account's balance, read from the in-process app (MusicGPT has no balance endpoint)."""
    (service,) = [s for s in client.app.state.services if s.spec.base_path == MUSICGPT]  # type: ignore[attr-defined]
    return float(service.state.registry.account(key, 0.0).credits)


def test_music_task_completes_after_two_polls(client: TestClient, clock: FakeClock) -> None:
    started = call(client, "mg_test_free_l", "POST", "/v2/MusicAI", json=MUSIC).json()
    assert started["success"] is True
    assert started["status"] == "IN_QUEUE"
    assert started["conversion_id_1"] != started["conversion_id_2"]
    query = {"conversionType": "MUSIC_AI", "task_id": started["task_id"]}
    clock.advance(5)
    first = poll(client, "mg_test_free_l", **query).json()["conversion"]
    assert first["status"] == "IN_PROGRESS"
    assert first["conversion_path_1"] is None
    clock.advance(5)
    done = poll(client, "mg_test_free_l", **query).json()["conversion"]
    assert done["status"] == "COMPLETED"
    assert done["conversion_path_1"] == (
        f"https://lalals.s3.amazonaws.com/conversions/{started['conversion_id_1']}.mp3"
    )
    assert done["conversion_path_wav_2"].endswith(f"{started['conversion_id_2']}.wav")
    assert done["title_1"] == "Study Night"
    assert 90 <= done["conversion_duration_1"] <= 240
    assert done["createdAt"] == "2026-02-20T15:06:40.000000+00:00"
    assert done["updatedAt"] == "2026-02-20T15:06:50.000000+00:00"
    assert done["generation_completed_at"] == "2026-02-20 15:06:50.000 +0000"
    again = poll(client, "mg_test_free_l", **query).json()["conversion"]
    assert again["status"] == "COMPLETED"


def test_any_conversion_id_finds_the_music_record(client: TestClient) -> None:
    started = call(client, "mg_test_pro_c", "POST", "/v2/MusicAI", json=MUSIC).json()
    record = poll(client, "mg_test_pro_c", conversionType="MUSIC_AI",
                  conversion_id=started["conversion_id_2"]).json()["conversion"]  # fmt: skip
    assert record["conversion_id_1"] == started["conversion_id_1"]


@pytest.mark.parametrize(
    ("path", "kwargs", "conversion_type"),
    [
        ("/v1/TextToSpeech", {"json": {"text": "Hello there", "voice_id": "JustinBieber"}},
         "TEXT_TO_SPEECH"),
        ("/v2/Extraction", {"files": AUDIO, "data": {"stems": '["vocals","drums"]'}},
         "EXTRACTION"),
        ("/v1/VoiceChanger", {"data": {"audio_url": "https://example.org/a.mp3",
                                       "voice_id": "JustinBieber", "pitch": "-12"},
                              "files": {"unused": ("", b"")}}, "VOICE_CONVERSION"),
    ],
)  # fmt: skip
def test_single_output_tasks_complete_with_an_audio_url(
    client: TestClient, path: str, kwargs: dict[str, Any], conversion_type: str
) -> None:
    started = call(client, "mg_test_plus_s", "POST", path, **kwargs)
    assert started.status_code == 200, started.text
    body = started.json()
    assert body["status"] == "IN_QUEUE"
    query = {"conversionType": conversion_type, "conversion_id": body["conversion_id"]}
    statuses = [poll(client, "mg_test_plus_s", **query).json()["conversion"] for _ in range(2)]
    assert [s["status"] for s in statuses] == ["IN_PROGRESS", "COMPLETED"]
    assert statuses[1]["audio_url"].endswith(f"{body['conversion_id']}.mp3")
    assert statuses[1]["conversion_path"] == statuses[1]["audio_url"]


def test_unknown_ids_and_wrong_types_are_404(client: TestClient) -> None:
    started = call(client, "mg_test_pro_n", "POST", "/v2/MusicAI", json=MUSIC).json()
    for query in (
        {"conversionType": "MUSIC_AI", "task_id": "no-such-task"},
        {"conversionType": "MUSIC_AI", "conversion_id": "no-such-conversion"},
        {"conversionType": "EXTRACTION", "task_id": started["task_id"]},
        {"conversionType": "MUSIC_AI", "task_id": started["task_id"], "conversion_id": "other"},
    ):
        response = poll(client, "mg_test_pro_n", **query)
        assert response.status_code == 404
        assert response.json() == {"success": False, "error": "Conversion not found"}
    # another account cannot see the task
    other = poll(client, "mg_test_pro_m", conversionType="MUSIC_AI", task_id=started["task_id"])
    assert other.status_code == 404


def test_by_id_needs_an_id_and_a_known_type(client: TestClient) -> None:
    no_id = poll(client, "mg_test_pro", conversionType="MUSIC_AI", task_id="")
    assert no_id.status_code == 400
    neither = poll(client, "mg_test_pro", conversionType="MUSIC_AI")
    assert neither.status_code == 400
    assert neither.json()["error"] == "Invalid request parameters: give task_id or conversion_id"
    # conversionType is an open string (decision 13): a value nobody knows finds nothing.
    unknown_type = poll(client, "mg_test_pro", conversionType="NOPE", task_id="x")
    assert unknown_type.status_code == 404
    empty_type = poll(client, "mg_test_pro", conversionType="", task_id="x")
    assert empty_type.status_code == 400
    assert "conversionType" in empty_type.json()["error"]
    assert (
        call(client, "mg_test_pro", "GET", "/v1/byId", params={"task_id": "x"}).status_code == 400
    )


@pytest.mark.parametrize(("key", "parallel"), [("mg_test_free", 1), ("mg_test_plus", 3),
                                               ("mg_test_pro", 10)])  # fmt: skip
def test_parallel_jobs_per_category_are_capped_by_plan(
    client: TestClient, key: str, parallel: int
) -> None:
    key = f"{key}_par"
    started = [call(client, key, "POST", "/v2/MusicAI", json=MUSIC) for _ in range(parallel)]
    assert all(r.status_code == 200 for r in started)
    refused = call(client, key, "POST", "/v2/MusicAI", json=MUSIC)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["success"] is False
    # another category is counted separately
    assert call(client, key, "POST", "/v1/TextToSpeech", json={"text": "hi"}).status_code == 200
    # finishing one task frees a slot
    task = started[0].json()["task_id"]
    for _ in range(2):
        poll(client, key, conversionType="MUSIC_AI", task_id=task)
    assert call(client, key, "POST", "/v2/MusicAI", json=MUSIC).status_code == 200


def test_refused_jobs_are_not_charged(client: TestClient) -> None:
    key = "mg_test_free_charge"
    price = SPEC_OPS["generateMusic"]["x-credit-estimate"]
    assert call(client, key, "POST", "/v2/MusicAI", json=MUSIC).status_code == 200
    assert balance(client, key) == pytest.approx(10.0 - price)
    for _ in range(3):
        assert call(client, key, "POST", "/v2/MusicAI", json=MUSIC).status_code == 429
    assert call(client, key, "POST", "/v2/MusicAI", json={}).status_code == 422
    assert balance(client, key) == pytest.approx(10.0 - price)


@pytest.mark.parametrize(("key", "per_minute"), [("mg_test_free", 20), ("mg_test_plus", 200)])
def test_by_id_is_limited_per_minute(
    client: TestClient, clock: FakeClock, key: str, per_minute: int
) -> None:
    key = f"{key}_poll"
    clock.now = clock.now - clock.now % 60 + 30
    query = {"conversionType": "MUSIC_AI", "task_id": "none"}
    statuses = {poll(client, key, **query).status_code for _ in range(per_minute)}
    assert statuses == {404}
    limited = poll(client, key, **query)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "30"
    # other operations are not limited by the byId window
    assert call(client, key, "GET", "/v1/getAllVoices").status_code == 200
    clock.advance(30)
    assert poll(client, key, **query).status_code == 404


def test_broke_key_gets_402_with_amounts(client: TestClient) -> None:
    for operation_id, path, kwargs in (
        ("generateMusic", "/v2/MusicAI", {"json": MUSIC}),
        ("textToSpeech", "/v1/TextToSpeech", {"json": {"text": "hi"}}),
        ("extractStems", "/v2/Extraction", {"files": AUDIO}),
    ):
        response = call(client, "mg_test_broke", "POST", path, **kwargs)
        assert response.status_code == 402
        assert response.json() == {
            "success": False,
            "error": "Insufficient credits for this operation",
            "required_credits": SPEC_OPS[operation_id]["x-credit-estimate"],
            "available_credits": 0.0,
        }
    assert call(client, "mg_test_broke", "GET", "/v1/getAllVoices").status_code == 200


@pytest.mark.parametrize(
    ("key", "status", "error"),
    [
        (None, 401, "Authentication failed"),
        ("", 401, "Authentication failed"),
        ("mg_test_revoked", 403, "This API key has been revoked"),
        ("mg_test_revoked_x1", 403, "This API key has been revoked"),
        ("mg_test_nobody", 403, "Invalid API key"),
        ("Bearer mg_test_free", 403, "Invalid API key"),
        ("ty_test_free", 403, "Invalid API key"),
    ],
)
def test_authentication_failures(
    client: TestClient, key: str | None, status: int, error: str
) -> None:
    response = call(client, key, "GET", "/v1/getAllVoices")
    assert response.status_code == status
    assert response.json() == {"success": False, "error": error}


def test_voices_page_and_search(client: TestClient) -> None:
    page = call(client, "mg_test_free", "GET", "/v1/getAllVoices", params={"limit": 5, "page": 2})
    body = page.json()
    assert (body["limit"], body["page"], len(body["voices"])) == (5, 2, 5)
    everything = call(client, "mg_test_free", "GET", "/v1/getAllVoices",
                      params={"limit": 100}).json()  # fmt: skip
    assert body["voices"] == everything["voices"][10:15]
    assert everything["total"] == len(everything["voices"])
    found = call(client, "mg_test_free", "GET", "/v1/searchVoices", params={"query": "JUSTIN"})
    assert found.json()["voices"] == [{"voice_id": "JustinBieber", "voice_name": "Justin Bieber"}]
    assert call(client, "mg_test_free", "GET", "/v1/searchVoices").status_code == 400


def test_lyrics_are_synchronous_and_bounded(client: TestClient) -> None:
    body = call(client, "mg_test_free", "GET", "/v1/prompt_to_lyrics",
                params={"prompt": "leaving town at dawn"}).json()  # fmt: skip
    assert body["success"] is True
    assert "leaving town at dawn" in body["lyrics"]
    too_long = call(client, "mg_test_free", "GET", "/v1/prompt_to_lyrics",
                    params={"prompt": "x" * 1001})  # fmt: skip
    assert too_long.status_code == 400


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "fragment"),
    [
        ("/v2/Extraction", {"files": {"x": ("", b"")}, "data": {"stems": "[]"}}, 422,
         "Either audio_url or audio_file must be provided."),
        ("/v1/VoiceChanger", {"files": {"x": ("", b"")}, "data": {"voice_id": "v"}}, 422,
         "Either audio_url or audio_file must be provided."),
        ("/v1/VoiceChanger", {"files": AUDIO}, 422, "Missing required field: voice_id"),
        ("/v1/VoiceChanger", {"files": AUDIO, "data": {"voice_id": "v", "pitch": "13"}}, 400,
         "pitch: 13 is greater than the maximum of 12"),
        ("/v1/VoiceChanger", {"files": AUDIO, "data": {"voice_id": "v", "pitch": "up"}}, 400,
         "pitch: 'up' is not of type 'integer'"),
        ("/v1/VoiceChanger", {"files": AUDIO, "data": {"voice_id": "v", "remove_background": "2"}},
         400, "remove_background: 2 is not one of [0, 1]"),
        ("/v2/Extraction", {"files": AUDIO, "data": {"eco_mode": "maybe"}}, 400,
         "eco_mode: 'maybe' is not of type 'boolean'"),
        ("/v2/Extraction", {"files": AUDIO, "data": {"audio_url": "not a url"}}, 400,
         "audio_url: 'not a url' is not a 'uri'"),
        ("/v2/Extraction", {"json": {"audio_url": "https://x.org/a.mp3"}}, 400,
         "Content-Type must be multipart/form-data"),
        ("/v2/Extraction", {"content": b"--x\r\ngarbage", "headers": {
            "Content-Type": "multipart/form-data; boundary=x"}}, 422,
         "Either audio_url or audio_file must be provided."),
        ("/v1/TextToSpeech", {"json": {"voice_id": "v"}}, 422, "Missing required field: text"),
        ("/v1/TextToSpeech", {"json": {"text": ""}}, 400, "text: '' should be non-empty"),
        ("/v2/MusicAI", {"json": {"prompt": "p" * 1001}}, 400, "prompt: 'ppp"),
        ("/v2/MusicAI", {"json": {"prompt": "p", "model": "v9"}}, 400, "model: 'v9' is not one of"),
        ("/v2/MusicAI", {"json": {"prompt": "p", "webhook_url": ""}}, 400, "webhook_url: ''"),
        ("/v2/MusicAI", {"json": {"lyrics": "la la"}}, 422,
         "Missing required field: prompt or music_style"),
        ("/v2/MusicAI", {"json": {}}, 422, "Missing required field: prompt or lyrics, music_style"),
        ("/v2/MusicAI", {"content": b"{", "headers": {"Content-Type": "application/json"}}, 400,
         "malformed JSON"),
    ],
)  # fmt: skip
def test_invalid_requests(
    client: TestClient, path: str, kwargs: dict[str, Any], status: int, fragment: str
) -> None:
    response = call(client, "mg_test_pro", "POST", path, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    assert fragment in (body.get("error") or body.get("message"))


@pytest.mark.parametrize(
    ("field", "value"),
    [("stems", "vocals"), ("stems", '["vocals","kazoo"]'), ("stems", '{"a": 1}'),
     ("preprocessing_options", '["Loud"]'), ("preprocessing_options", "")],
)  # fmt: skip
def test_json_list_fields_hold_known_values_only(
    client: TestClient, field: str, value: str
) -> None:
    response = call(client, "mg_test_pro", "POST", "/v2/Extraction", files=AUDIO,
                    data={field: value})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"] == f"{field}: {value!r} is not in the documented format"


def test_known_json_lists_are_accepted(client: TestClient) -> None:
    data = {"stems": '[ "vocals" , "kick_drum" ]', "preprocessing_options": "[]"}
    response = call(client, "mg_test_pro", "POST", "/v2/Extraction", files=AUDIO, data=data)
    assert response.status_code == 200, response.text


def test_form_booleans_and_unknown_fields(client: TestClient) -> None:
    for flag in ("true", "FALSE", "1", "0"):
        response = call(client, "mg_test_load", "POST", "/v2/Extraction", files=AUDIO,
                        data={"eco_mode": flag, "surprise": ["a", "b"]})  # fmt: skip
        assert response.status_code == 200, response.text


def _documented() -> list[tuple[str, str, int]]:
    return [
        (method.upper(), path, int(status))
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        for status in operation["responses"]
    ]


def test_prefer_forces_each_documented_status(client: TestClient) -> None:
    """Every (operation, documented status) of the spec, each on a freshly reset sandbox."""
    for method, path, status in _documented():
        assert client.post("/_sandbox/reset").status_code == 200
        headers = {"Prefer": f"code={status}"}
        response = call(client, "mg_test_free", method, path, headers=headers)
        assert response.status_code == status, (method, path, status)
        assert response.json()["success"] is (status == 200), (method, path, status)
        if status == 429:
            assert response.headers["Retry-After"] == "30", (method, path)


@pytest.mark.parametrize("path", ["/v2/MusicAI", "/v1/byId"])
def test_prefer_for_an_undocumented_code_is_400(client: TestClient, path: str) -> None:
    method = "POST" if path == "/v2/MusicAI" else "GET"
    response = call(client, "mg_test_free", method, path, headers={"Prefer": "code=418"})
    assert response.status_code == 400
    assert "code=418 is not documented" in response.json()["error"]


def test_prefer_example_and_auth_first(client: TestClient) -> None:
    prefer = "code=402, example=insufficient_credits_with_amounts"
    response = call(client, "mg_test_free", "POST", "/v2/MusicAI", headers={"Prefer": prefer})
    assert response.json()["required_credits"] == 150.75
    assert call(client, None, "GET", "/v1/getAllVoices",
                headers={"Prefer": "code=200"}).status_code == 401  # fmt: skip


def test_same_requests_in_same_order_give_same_responses() -> None:
    def run() -> list[tuple[int, bytes]]:
        with TestClient(create_app(clock=FakeClock())) as client:
            started = call(client, "mg_test_plus", "POST", "/v2/MusicAI", json=MUSIC)
            task = started.json()["task_id"]
            responses = [
                started,
                *(poll(client, "mg_test_plus", conversionType="MUSIC_AI", task_id=task)
                  for _ in range(3)),
                call(client, "mg_test_plus", "POST", "/v2/Extraction", files=AUDIO),
                call(client, "mg_test_plus", "GET", "/v1/prompt_to_lyrics", params={"prompt": "a"}),
            ]  # fmt: skip
            return [(r.status_code, r.content) for r in responses]

    assert run() == run()
