"""Every MusicGPT operation of the spec, served by the sandbox from the spec's own facts.

Each conversion starts from its first request example and must answer what its extensions
promise (outputs, conversion type, credit estimate, category limits); bad input gets the
documented error body, never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from backbeat_sandbox import create_app
from starlette.testclient import TestClient

from tests.sandbox.conftest import FakeClock
from tests.sandbox.musicgpt_spec import (
    CATEGORIES,
    OPERATIONS,
    SPEC,
    TASKS,
    UPLOADS,
    conversion_ids,
    encoded,
    example_body,
    fact,
    poll,
    response_validator,
    schema_validator,
    send,
    start,
)
from tests.sandbox.test_musicgpt import balance
from tests.spec import spec_checks

ERRORS = schema_validator("Error")
PLANS = ("free", "plus", "pro")


def errors_of(validator: Any, value: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(value)]


def test_every_conversion_of_the_spec_is_served() -> None:
    assert len(TASKS) == 25
    assert len(OPERATIONS) == 30


def each_on_a_fresh_sandbox(client: TestClient, operation_ids: list[str]) -> Iterator[str]:
    """Each operation in turn, the sandbox reset before each (as a case of its own would be)."""
    for operation_id in operation_ids:
        assert client.post("/_sandbox/reset").status_code == 200
        yield operation_id


def test_conversion_accepts_its_example_and_completes(client: TestClient) -> None:
    """For every operation that starts a task."""
    for operation_id in each_on_a_fresh_sandbox(client, TASKS):
        _conversion_accepts_its_example_and_completes(client, operation_id)


def _conversion_accepts_its_example_and_completes(client: TestClient, operation_id: str) -> None:
    key = "mg_test_pro_ops"
    before = balance(client, key)
    response = start(client, key, operation_id)
    assert response.status_code == 200, response.text
    started = response.json()
    assert not errors_of(response_validator(operation_id, 200), started)
    ids = conversion_ids(operation_id, started)
    assert len(set(ids)) == fact(operation_id, "x-outputs")
    assert started["credit_estimate"] == fact(operation_id, "x-credit-estimate")
    assert balance(client, key) == pytest.approx(before - fact(operation_id, "x-credit-estimate"))
    assert isinstance(started["eta"], int)
    assert started["eta"] >= 1
    records = [poll(client, key, operation_id, started["task_id"]) for _ in range(2)]
    assert [r.status_code for r in records] == [200, 200]
    details = [r.json() for r in records]
    for body in details:
        assert not errors_of(response_validator("getConversion", 200), body)
    conversion = details[-1]["conversion"]
    assert [d["conversion"]["status"] for d in details] == ["IN_PROGRESS", "COMPLETED"]
    assert conversion["feature"] == fact(operation_id, "x-conversion-type")
    if fact(operation_id, "x-outputs") == 2:
        assert [conversion["conversion_id_1"], conversion["conversion_id_2"]] == ids
        assert conversion["conversion_path_2"].endswith(f"{ids[1]}.mp3")
    else:
        assert conversion["conversion_id"] == ids[0]
        assert conversion["conversion_path"].endswith(f"{ids[0]}.mp3")
    # a task is found by the conversion type its operation names, and by no other
    other = "MUSIC_AI" if fact(operation_id, "x-conversion-type") != "MUSIC_AI" else "COVER"
    query = {"conversionType": other, "task_id": started["task_id"]}
    assert send(client, key, "getConversion", params=query).status_code == 404


def test_upload_without_a_source_is_422_with_the_documented_body(client: TestClient) -> None:
    """For every operation that takes an upload."""
    for operation_id in each_on_a_fresh_sandbox(client, UPLOADS):
        _upload_without_a_source_is_422(client, operation_id)


def _upload_without_a_source_is_422(client: TestClient, operation_id: str) -> None:
    names = fact(operation_id, "x-requires-one-of")
    body = {k: v for k, v in example_body(operation_id).items() if not k.startswith(
        tuple(name.split("_")[0] for name in names))}  # fmt: skip
    response = send(client, "mg_test_pro", operation_id, **encoded(operation_id, body))
    assert response.status_code == 422, response.text
    assert not errors_of(ERRORS, response.json())
    message = response.json()["error"]
    assert message.startswith(f"Either {names[0]} or {names[1]}")
    assert message.endswith(" must be provided.")


def _typed_field(operation_id: str) -> str:
    """A request field whose schema is not a plain string (a number, an integer, a boolean or
    an enum), or ``webhook_url`` (a URL) where there is none."""
    content = OPERATIONS[operation_id].body["requestBody"]["content"]
    schema = spec_checks.resolve(SPEC, next(iter(content.values()))["schema"])
    for name, prop in _properties(schema).items():
        if prop.get("type") in ("integer", "number", "boolean") or "enum" in prop:
            return name
    return "webhook_url"


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for part in schema.get("allOf", []):
        found.update(_properties(spec_checks.resolve(SPEC, part)))
    for name, prop in schema.get("properties", {}).items():
        found[name] = spec_checks.resolve(SPEC, prop)
    return found


def test_a_value_of_the_wrong_type_is_400_never_500(client: TestClient) -> None:
    """For every operation that starts a task: a typed field given a wrong value."""
    for operation_id in each_on_a_fresh_sandbox(client, TASKS):
        field = _typed_field(operation_id)
        response = start(client, "mg_test_pro", operation_id, **{field: "not-a-value"})
        assert response.status_code == 400, (operation_id, response.text)
        assert not errors_of(ERRORS, response.json()), operation_id
        assert response.json()["error"].startswith(f"{field}: "), operation_id


@pytest.mark.parametrize(
    ("operation_id", "body"),
    [
        ("generateMusicV1", {"prompt": 5}),
        ("generateMusicV1", {"prompt": "x", "make_instrumental": "yes"}),
        ("generateMusicV1", ["prompt"]),
        ("textToSpeech", {"text": {"nested": True}}),
    ],
)
def test_json_bodies_of_the_wrong_shape_are_400(
    client: TestClient, operation_id: str, body: Any
) -> None:
    response = send(client, "mg_test_pro", operation_id, json=body)
    assert response.status_code == 400, response.text
    assert not errors_of(ERRORS, response.json())


@pytest.mark.parametrize(
    ("operation_id", "changes", "status", "fragment"),
    [
        ("cutAudio", {"start_time": 50_000, "end_time": 40_000}, 400,
         "start_time must be less than end_time"),
        ("inpaintSong", {"replace_start_at": 30, "replace_end_at": 20}, 400,
         "replace_start_at must be less than replace_end_at"),
        ("changeAudioSpeed", {"speed_change_factor": 4.5}, 400, "speed_change_factor"),
        ("extendSong", {"num_outputs": 3}, 400, "num_outputs"),
        ("convertFile", {"target_format": "mp4"}, 400, "target_format"),
        ("generateImage", {"width": 500}, 400, "width: 500 is not a multiple of 16"),
        ("extractStemsV1", {"stems": '["kazoo"]'}, 400, "stems"),
        ("remixSong", {"gender": "robot"}, 400, "gender"),
        ("singOverInstrumental", {"lyrics": ""}, 400, "lyrics"),
    ],
)  # fmt: skip
def test_documented_ranges_and_rules(
    client: TestClient, operation_id: str, changes: dict[str, Any], status: int, fragment: str
) -> None:
    response = start(client, "mg_test_pro", operation_id, **changes)
    assert response.status_code == status, response.text
    assert fragment in response.json()["error"]


@pytest.mark.parametrize(("operation_id", "missing"), [
    ("generateSound", "prompt"), ("extendSong", "extend_after"), ("coverSong", "voice_id"),
    ("singOverVocal", "lyrics"),
])  # fmt: skip
def test_a_missing_required_field_is_422(
    client: TestClient, operation_id: str, missing: str
) -> None:
    body = {k: v for k, v in example_body(operation_id).items() if k != missing}
    response = send(client, "mg_test_pro", operation_id, **encoded(operation_id, body))
    assert response.status_code == 422, response.text
    assert response.json()["error"] == f"Missing required field: {missing}"


@pytest.mark.parametrize("operation_id", ["generateSound", "generateImage"])
def test_both_form_encodings_are_accepted(client: TestClient, operation_id: str) -> None:
    fields = {k: str(v) for k, v in example_body(operation_id).items()}
    as_form = send(client, "mg_test_load", operation_id, data=fields)
    as_multipart = send(client, "mg_test_load", operation_id, data=fields,
                        files={"unused": ("", b"")})  # fmt: skip
    assert (as_form.status_code, as_multipart.status_code) == (200, 200)
    as_json = send(client, "mg_test_load", operation_id, json=example_body(operation_id))
    assert as_json.status_code == 400
    assert "Content-Type must be" in as_json.json()["error"]


def test_an_empty_image_request_uses_the_defaults(client: TestClient) -> None:
    response = send(client, "mg_test_load", "generateImage",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert response.status_code == 200, response.text


# --- plan limits per category, read from the spec --------------------------------------------

PARALLEL = sorted(name for name, c in CATEGORIES.items() if c["unit"] == "parallel-jobs")


def _operations_in(category: str) -> list[str]:
    return [name for name in TASKS if fact(name, "x-rate-limit-category") == category]


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("category", PARALLEL)
def test_parallel_jobs_are_capped_per_plan_and_category(
    client: TestClient, category: str, plan: str
) -> None:
    key = f"mg_test_{plan}_{category.replace('-', '')}"
    allowed = CATEGORIES[category]["limits"][plan]
    members = _operations_in(category)
    # the limit counts jobs of every operation of the category together
    for n in range(allowed):
        response = start(client, key, members[n % len(members)])
        assert response.status_code == 200, response.text
    refused = start(client, key, members[-1])
    assert refused.status_code == 429
    assert not errors_of(ERRORS, refused.json())
    assert int(refused.headers["Retry-After"]) >= 1
    for other in PARALLEL:
        if other != category:
            assert start(client, key, _operations_in(other)[0]).status_code == 200


def test_every_parallel_category_has_operations_and_lookups_are_per_minute() -> None:
    assert all(_operations_in(category) for category in PARALLEL)
    (per_minute,) = [name for name, c in CATEGORIES.items() if c["unit"] == "requests-per-minute"]
    assert fact("getConversion", "x-rate-limit-category") == per_minute


def test_the_load_key_has_no_parallel_limit(client: TestClient) -> None:
    for _ in range(25):
        assert start(client, "mg_test_load", "remixSong").status_code == 200


def test_a_task_past_its_eta_frees_its_slot_without_polling(
    client: TestClient, clock: FakeClock
) -> None:
    key = "mg_test_free_eta"
    started = start(client, key, "coverSong").json()
    assert start(client, key, "denoiseAudio").status_code == 429
    clock.advance(started["eta"])
    assert start(client, key, "denoiseAudio").status_code == 200
    record = poll(client, key, "coverSong", started["task_id"]).json()["conversion"]
    assert record["status"] == "COMPLETED"


def test_task_seconds_replaces_every_eta() -> None:
    with TestClient(create_app(clock=FakeClock(), task_seconds=2.5)) as client:
        for operation_id in ("generateMusic", "convertFile", "imageToSong"):
            assert start(client, "mg_test_load", operation_id).json()["eta"] == 3


# --- the caller's conversions ------------------------------------------------------------------


def _history(client: TestClient, key: str, **query: Any) -> Any:
    response = send(client, key, "listUserConversions", params=query)
    assert response.status_code == 200, response.text
    body = response.json()
    assert not errors_of(response_validator("listUserConversions", 200), body)
    return body


def _started_tasks(client: TestClient, clock: FakeClock, key: str) -> list[tuple[str, str]]:
    made = []
    for operation_id in ("coverSong", "remixSong", "coverSong", "generateSound", "cutAudio"):
        clock.advance(60)
        made.append((operation_id, start(client, key, operation_id).json()["task_id"]))
    return made


def test_history_pages_by_last_evaluated_key(client: TestClient, clock: FakeClock) -> None:
    key = "mg_test_load_hist"
    made = _started_tasks(client, clock, key)
    seen: list[str] = []
    query: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        body = _history(client, key, **query)
        seen += [c["task_id"] for c in body["conversions"]]
        pages += 1
        if not body.get("LastEvaluatedKey"):
            break
        query["LastEvaluatedKey"] = body["LastEvaluatedKey"]
    assert pages == 3
    assert seen == [task_id for _, task_id in reversed(made)]  # newest first by default
    oldest_first = _history(client, key, sortOrder="ASC", limit=100)["conversions"]
    assert [c["task_id"] for c in oldest_first] == [task_id for _, task_id in made]


def test_history_filters_by_type_and_dates(client: TestClient, clock: FakeClock) -> None:
    key = "mg_test_load_filter"
    made = _started_tasks(client, clock, key)
    covers = _history(client, key, conversionType="COVER")["conversions"]
    assert {c["task_id"] for c in covers} == {t for op, t in made if op == "coverSong"}
    assert all(c["feature"] == "COVER" for c in covers)
    record = covers[0]
    since = _history(client, key, startDate=record["createdAt"], sortOrder="ASC")
    assert since["conversions"][0]["task_id"] == record["task_id"]
    assert _history(client, key, startDate="2999-01-01")["conversions"] == []
    assert len(_history(client, key, endDate="2999-01-01T00:00:00Z")["conversions"]) == 5
    assert _history(client, key, endDate="2000-01-01")["conversions"] == []
    # the other account sees none of them
    assert _history(client, "mg_test_load_someoneelse")["conversions"] == []


@pytest.mark.parametrize(
    ("query", "status"),
    [({"limit": 0}, 400), ({"limit": 101}, 400), ({"sortOrder": "UP"}, 400),
     ({"startDate": "yesterday"}, 400), ({"LastEvaluatedKey": "bm90LWlzc3VlZA"}, 200),
     ({"LastEvaluatedKey": "\u00e9\u00e9"}, 200), ({"conversionType": "BRAND_NEW"}, 200)],
)  # fmt: skip
def test_history_rejects_bad_queries_and_tolerates_unknown_values(
    client: TestClient, query: dict[str, Any], status: int
) -> None:
    start(client, "mg_test_load_q", "coverSong")
    response = send(client, "mg_test_load_q", "listUserConversions", params=query)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["conversions"] == []
    else:
        assert not errors_of(ERRORS, response.json())


def test_history_is_free(client: TestClient) -> None:
    assert send(client, "mg_test_broke", "listUserConversions").status_code == 200
