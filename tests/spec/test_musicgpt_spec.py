"""MusicGPT's spec states exactly the project's decisions (shared/api-facts/musicgpt.md).

A fact of one operation lives in the spec, as a vendor extension or a status; these tests check
the rules the decisions state about all of them (decision numbers in the comments), not a copy
of each operation's facts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from backbeat._generated.musicgpt import operations as operation_facts
from backbeat_specs import Operation
from openapi_spec_validator import validate

from tests.spec import spec_checks

SPEC_FILE = "musicgpt.openapi.yaml"
READER = spec_checks.spec(SPEC_FILE)
SPEC = READER.document
OPERATIONS = {op.operation_id: op for op in READER.operations}
TASKS = {name: op for name, op in OPERATIONS.items() if op.outputs is not None}
WEBHOOKS = {op.path: op for op in READER.webhooks}
SCHEMAS = SPEC["components"]["schemas"]

BASE_STATUSES = frozenset({200, 400, 401, 403, 429, 500})
FREE_READS = {"getConversion", "listVoices", "searchVoices", "listUserConversions"}
GENERATION, UTILITY, ENHANCEMENT = "audio-generation", "audio-utility", "audio-enhancement"
LOOKUP = "conversion-lookup"
PLAN_LIMITS = {"free": 1, "plus": 3, "pro": 10}
ERROR_RESPONSES = {
    400: "BadRequest",
    401: "Unauthorized",
    402: "PaymentRequired",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    422: "UnprocessableEntity",
    429: "TooManyRequests",
    500: "InternalServerError",
}
TWO_FORM_ENCODINGS = {"generateSound", "generateImage"}
CONVERSION_TYPES = [
    "MUSIC_AI", "TEXT_TO_SPEECH", "VOICE_CONVERSION", "EXTRACTION", "COVER", "STEMS_SEPARATION",
    "VOCAL_EXTRACTION", "DENOISING", "DEECHO", "DEREVERB", "SOUND_GENERATOR",
    "AUDIO_TRANSCRIPTION", "AUDIO_SPEED_CHANGER", "AUDIO_MASTERING", "AUDIO_CUTTER", "REMIX",
    "FILE_CONVERT", "KEY_BPM_EXTRACTION", "AUDIO_TO_MIDI", "EXTEND", "INPAINT",
    "SING_OVER_INSTRUMENTAL", "LYRICS_GENERATOR", "SING_OVER_VOCAL", "IMAGE_TO_SONG",
    "IMAGE_GENERATOR",
]  # fmt: skip
STEMS = [
    "vocals", "instrumental", "male_vocal", "female_vocal", "lead_vocal", "back_vocal", "bass",
    "drums", "guitar", "piano", "keys", "strings", "winds", "rhythm_guitar", "solo_guitar",
    "acoustic_guitar", "electric_guitar", "kick_drum", "snare_drum", "toms", "hi_hat", "ride",
    "crash",
]  # fmt: skip
AUDIO_URL = "https://example.org/a.mp3"
FROM_URL = {"audio_url": AUDIO_URL}
TASK_STATUSES = ["IN_QUEUE", "IN_PROGRESS", "PENDING", "PROCESSING", "COMPLETED", "ERROR", "FAILED"]

# Whole seconds, at most a day: the spec states the bound the contract suite checks.
RETRY_AFTER = {"type": "integer", "minimum": 0, "maximum": 86400}


def response(operation_id: str, status: int) -> Mapping[str, Any]:
    """The response object an operation documents for a status, `$ref` followed."""
    return OPERATIONS[operation_id].response(status).node


def parameters(operation_id: str) -> dict[str, Mapping[str, Any]]:
    return {p.name: p.node for p in OPERATIONS[operation_id].parameters}


def request_schema(operation_id: str, media_type: str) -> Mapping[str, Any]:
    body = OPERATIONS[operation_id].request_body
    assert body is not None
    expected = [media_type]
    if operation_id in TWO_FORM_ENCODINGS:
        expected = ["application/x-www-form-urlencoded", "multipart/form-data"]
    assert list(body.media_types) == expected
    schema = body.content[media_type].schema
    assert schema is not None
    return schema


def request_pointer(operation_id: str, media_type: str) -> str:
    body = OPERATIONS[operation_id].request_body
    assert body is not None
    pointer = body.content[media_type].schema_pointer
    assert pointer is not None
    return pointer


def properties(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """A schema's properties with `$ref`s followed, its own and those of its `allOf` parts."""
    return READER.properties(schema)


def upload_pairs(op: Operation) -> list[tuple[str, str]]:
    """The (`<x>_url`, `<x>_file`) alternatives of an operation's request body, in order."""
    body = op.request_body
    media = body.first if body else None
    if media is None or media.schema is None:
        return []
    fields = properties(media.schema)
    return [
        (f"{name[: -len('_file')]}_url", name)
        for name, field in fields.items()
        if name.endswith("_file") and field.get("format") == "binary"
        and f"{name[: -len('_file')]}_url" in fields
    ]  # fmt: skip


# --- the spec states the decisions -----------------------------------------------------------


def test_spec_is_valid_openapi_3_1_with_production_then_sandbox_servers() -> None:
    validate(SPEC)  # type: ignore[arg-type]
    assert SPEC["openapi"].startswith("3.1.")
    assert READER.server_urls == (
        "https://api.musicgpt.com/api/public",
        "http://127.0.0.1:8765/api/public",
    )


def test_the_spec_holds_every_documented_operation() -> None:
    # Decisions 2 and 9: every operation §4 and §4b detail, but the deprecated stream and the
    # undocumented credential probe; existing operationIds are kept, new ones are verbs.
    assert {op.label for op in READER.operations} == {
        "POST /v2/MusicAI", "POST /v1/MusicAI", "GET /v1/byId", "GET /v1/getAllVoices",
        "GET /v1/searchVoices", "POST /v1/TextToSpeech", "POST /v2/Extraction",
        "POST /v1/Extraction", "POST /v1/VoiceChanger", "GET /v1/prompt_to_lyrics",
        "POST /v1/file_convert", "POST /v1/sound_generator", "POST /v1/Cover", "POST /v1/denoise",
        "POST /v1/deecho", "POST /v1/dereverb", "POST /v1/extract_key_bpm",
        "POST /v1/audio_transcribe", "POST /v1/audio_mastering", "POST /v1/audio_cutter",
        "POST /v1/audio_speed_changer", "POST /v1/audio_to_midi", "POST /v1/Remix",
        "POST /v1/extend", "POST /v1/inpaint", "POST /v1/sing_over_instrumental",
        "POST /v1/sing_over_vocal", "POST /v1/image_to_song", "POST /v1/image_generator",
        "GET /v1/byUser",
    }  # fmt: skip
    assert {"generateMusic", "getConversion", "listVoices", "searchVoices", "textToSpeech",
            "extractStems", "changeVoice", "generateLyrics"} <= set(OPERATIONS)  # fmt: skip
    spec_checks.no_problems(
        f"{name}: not a lowerCamelCase verb phrase"
        for name in OPERATIONS
        if not (name[0].islower() and name.isalnum())
    )


def test_statuses_follow_the_decided_rules() -> None:
    # Decisions 4 and 11: 200, 400, 401, 403, 429 and 500 everywhere; 402 on paid operations;
    # 404 on the lookup by id; 409 and 422 on the POST conversions.
    problems = []
    for op in READER.operations:
        expected = set(BASE_STATUSES)
        expected |= {402} if op.credit_cost else set()
        expected |= {404} if op.operation_id == "getConversion" else set()
        expected |= {409, 422} if op.method == "POST" else set()
        if set(op.statuses) != expected:
            problems.append(f"{op.operation_id}: {op.statuses}, expected {sorted(expected)}")
    spec_checks.no_problems(problems)


def test_credit_cost_and_idempotency_follow_the_decided_rules() -> None:
    # Decision 7: x-credit-cost 0 for the free reads and 1 for the rest; x-idempotent true for
    # the GETs, false for the POST conversions (a retried POST may start and bill a second job).
    spec_checks.no_problems(
        f"{op.operation_id}: x-credit-cost {op.credit_cost}, x-idempotent {op.idempotent}"
        for op in READER.operations
        if op.credit_cost != (0 if op.operation_id in FREE_READS else 1)
        or op.idempotent is not (op.method == "GET")
    )


def test_every_operation_requires_the_raw_api_key_header() -> None:
    assert {repr(op.security) for op in READER.operations} == {repr(({"apiKeyAuth": ()},))}
    scheme = SPEC["components"]["securitySchemes"]["apiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert list(SPEC["components"]["securitySchemes"]) == ["apiKeyAuth"]


def test_every_429_documents_an_optional_integer_retry_after() -> None:
    for op in READER.operations:
        retry_after = op.response(429).headers["Retry-After"]
        assert retry_after.required is False, op.operation_id
        assert retry_after.schema == RETRY_AFTER, op.operation_id


def test_no_response_requires_a_header() -> None:
    # The vendor documents no rate-limit or credit headers: none may be invented as required.
    problems = []
    for op in READER.operations:
        for resp in op.responses:
            where = f"{op.operation_id} {resp.status}"
            if not set(resp.headers) <= {"Retry-After"}:
                problems.append(f"{where}: documents {sorted(resp.headers)}")
            problems += [
                f"{where}: {name} required" for name, h in resp.headers.items() if h.required
            ]
    spec_checks.no_problems(problems)


def test_every_error_status_refers_to_its_shared_response() -> None:
    spec_checks.no_problems(
        f"{op.operation_id} {status}: {op.node['responses'][str(status)]}"
        for op in READER.operations
        for status in op.statuses
        if status >= 400
        and op.node["responses"][str(status)]
        != {"$ref": f"#/components/responses/{ERROR_RESPONSES[status]}"}
    )


def test_shared_error_responses_are_json_errors_with_named_examples() -> None:
    for name in ERROR_RESPONSES.values():
        (media_type, media), *others = SPEC["components"]["responses"][name]["content"].items()
        assert (media_type, others) == ("application/json", []), name
        assert media["schema"] == {"$ref": "#/components/schemas/Error"}, name
        assert media["examples"], f"{name}: each error needs realistic named examples"
        assert all(example["summary"] for example in media["examples"].values()), name


def test_error_schema_is_the_decided_lenient_shape() -> None:
    error = SCHEMAS["Error"]
    assert error["required"] == ["success"]
    assert error["properties"]["success"] == {
        **error["properties"]["success"],
        "type": "boolean",
        "const": False,
    }
    assert set(error["properties"]) == {
        "success",
        "error",
        "message",
        "detail",
        "required_credits",
        "available_credits",
    }
    assert "type" not in error["properties"]["detail"]
    for amount in ("required_credits", "available_credits"):
        assert error["properties"][amount]["type"] == "number"
    assert error["additionalProperties"] is True


def test_402_examples_include_the_credit_amounts() -> None:
    media = response("generateMusic", 402)["content"]["application/json"]
    bodies = [example["value"] for example in media["examples"].values()]
    assert any({"required_credits", "available_credits"} <= set(body) for body in bodies)
    # The vendor uses both keys for the text; the examples must show both.
    assert any("error" in body for body in bodies)
    assert any("message" in body for body in bodies)


def test_get_conversion_parameters() -> None:
    params = parameters("getConversion")
    assert set(params) == {"conversionType", "task_id", "conversion_id"}
    assert params["conversionType"]["required"] is True
    conversion_type = READER.resolve(params["conversionType"]["schema"])
    assert conversion_type["type"] == "string"
    assert "enum" not in conversion_type, "decision 13: an open string"
    assert conversion_type["examples"] == CONVERSION_TYPES
    assert params["task_id"]["required"] is False
    assert params["conversion_id"]["required"] is False


def test_get_conversion_requires_one_of_its_optional_ids() -> None:
    rule = OPERATIONS["getConversion"].requires_one_of
    assert rule == ("task_id", "conversion_id")
    params = parameters("getConversion")
    assert all(params[name]["in"] == "query" and not params[name]["required"] for name in rule)
    assert "x-requires-one-of" in SPEC["info"]["description"]
    assert "x-less-than" in SPEC["info"]["description"]


def test_requires_one_of_is_on_the_query_lookup_and_every_upload_operation() -> None:
    # Decision 10: "one of audio_url / audio_file" (image_url / image_file) wherever a body
    # takes an upload: the first pair of the body is the one required.
    carriers = {name: op.requires_one_of for name, op in OPERATIONS.items() if op.requires_one_of}
    uploads = {name: upload_pairs(op)[0] for name, op in OPERATIONS.items() if upload_pairs(op)}
    assert carriers == {"getConversion": ("task_id", "conversion_id"), **uploads}
    assert uploads["imageToSong"] == ("image_url", "image_file")
    assert len(uploads) == 20


def test_upload_alternatives_are_body_fields_the_schema_also_requires() -> None:
    for name, op in OPERATIONS.items():
        if not upload_pairs(op):
            continue
        url_field, file_field = op.requires_one_of
        body = request_schema(name, "multipart/form-data")
        props = properties(body)
        assert props[file_field]["format"] == "binary", name
        assert props[url_field]["type"] == "string", name
        validator = READER.validator(request_pointer(name, "multipart/form-data"))
        required = dict.fromkeys(body.get("required", []), "x")
        assert not validator.is_valid(required), f"{name}: neither alternative must be invalid"


def test_paging_parameters_have_documented_bounds() -> None:
    for operation_id in ("listVoices", "searchVoices"):
        params = parameters(operation_id)
        assert params["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100,
                                             "default": 20}  # fmt: skip
        assert params["page"]["schema"] == {"type": "integer", "minimum": 0, "default": 0}
        for name in ("limit", "page"):
            assert params[name]["required"] is False
            assert "this project" in params[name]["description"], "say where the vendor is silent"


def test_search_and_lyrics_take_a_required_text_parameter() -> None:
    query = parameters("searchVoices")["query"]
    assert query["required"] is True
    assert query["schema"]["type"] == "string"
    prompt = parameters("generateLyrics")["prompt"]
    assert prompt["required"] is True
    assert prompt["schema"] == {"type": "string", "minLength": 1, "maxLength": 1000}


def test_json_request_bodies() -> None:
    music = request_schema("generateMusic", "application/json")
    assert "required" not in music
    assert music["properties"]["prompt"]["maxLength"] == 1000
    assert SCHEMAS["MusicModel"]["enum"] == ["v6", "v6-pro", "v7", "v7-pro"]
    speech = request_schema("textToSpeech", "application/json")
    assert speech["required"] == ["text"]
    assert "language" not in speech["properties"]


def test_multipart_request_bodies() -> None:
    stems = request_schema("extractStems", "multipart/form-data")
    voice = request_schema("changeVoice", "multipart/form-data")
    for body in (stems, voice):
        assert body["properties"]["audio_file"] == {
            **body["properties"]["audio_file"],
            "type": "string",
            "format": "binary",
        }
        assert READER.resolve(body["properties"]["audio_url"])["type"] == "string"
    for operation_id in ("extractStems", "extractStemsV1"):
        fields = properties(request_schema(operation_id, "multipart/form-data"))
        for field in ("stems", "preprocessing_options"):
            assert fields[field]["type"] == "string"  # a JSON-encoded array
            assert fields[field]["default"] == "[]"  # documented; the client leaves it out
            assert fields[field]["contentMediaType"] == "application/json"
            assert fields[field]["contentSchema"]["type"] == "array"
    assert stems["properties"]["eco_mode"]["type"] == "boolean"
    assert "eco_mode" not in properties(request_schema("extractStemsV1", "multipart/form-data"))
    assert voice["required"] == ["voice_id"]
    assert voice["properties"]["remove_background"]["enum"] == [0, 1]
    pitch = voice["properties"]["pitch"]
    assert (pitch["type"], pitch["minimum"], pitch["maximum"]) == ("integer", -12, 12)


@pytest.mark.parametrize(
    ("schema_name", "body", "valid"),
    [
        ("ExtractStemsRequest", {}, False),
        ("ExtractStemsRequest", {"stems": '["vocals"]'}, False),
        ("ExtractStemsRequest", {"audio_url": AUDIO_URL}, True),
        ("ExtractStemsRequest", {"audio_file": "<bytes>"}, True),
        ("ChangeVoiceRequest", {"voice_id": "JustinBieber"}, False),
        ("ChangeVoiceRequest", {"voice_id": "JustinBieber", "audio_file": "<bytes>"}, True),
        ("ChangeVoiceRequest", {"audio_url": AUDIO_URL}, False),
        ("GenerateMusicRequest", {}, False),
        ("GenerateMusicRequest", {"music_style": "Pop"}, False),
        ("GenerateMusicRequest", {"lyrics": "la la", "music_style": "Pop"}, True),
        ("GenerateMusicRequest", {"prompt": "lo-fi piano"}, True),
        ("GenerateMusicRequest", {"prompt": ""}, False),
        ("ExtractStemsRequest", {**FROM_URL, "stems": json.dumps(STEMS)}, True),
        ("ExtractStemsRequest", {**FROM_URL, "stems": "[]"}, True),
        ("ExtractStemsRequest", {**FROM_URL, "stems": '["kazoo"]'}, False),
        ("ExtractStemsRequest", {**FROM_URL, "stems": "vocals,drums"}, False),
        ("ExtractStemsRequest", {**FROM_URL, "stems": '["vocals",]'}, False),
        ("ExtractStemsRequest", {"preprocessing_options": '["Denoise", "Dereverb"]'}, False),
        ("ExtractStemsRequest", {**FROM_URL, "preprocessing_options": '["Denoise"]'}, True),
        ("ExtractStemsRequest", {**FROM_URL, "preprocessing_options": '["denoise"]'}, False),
        ("ExtractStemsRequest", {"audio_url": "youtube.com/watch?v=1"}, False),
        ("TextToSpeechRequest", {"text": "Hello", "webhook_url": "ftp://example.org/hook"}, False),
        ("TextToSpeechRequest", {"text": "Hello", "sample_audio_url": AUDIO_URL}, True),
        ("TextToSpeechRequest", {"text": ""}, False),
    ],
)  # fmt: skip
def test_request_body_rules(schema_name: str, body: Any, valid: bool) -> None:
    validator = READER.validator(f"/components/schemas/{schema_name}")
    assert validator.is_valid(body) is valid


def test_task_status_is_an_open_string_with_the_known_values() -> None:
    status = SCHEMAS["TaskStatus"]
    assert status["type"] == "string"
    assert "enum" not in status
    assert status["examples"] == TASK_STATUSES


def test_conversion_record_has_both_shapes_and_nothing_required() -> None:
    conversion = SCHEMAS["Conversion"]
    assert "required" not in conversion
    fields = set(conversion["properties"])
    for suffixed in ("conversion_id", "title", "lyrics", "conversion_path", "conversion_duration"):
        assert {f"{suffixed}_1", f"{suffixed}_2"} <= fields
    assert {"conversion_id", "status_msg", "audio_url", "conversion_cost"} <= fields
    assert conversion["properties"]["status"] == {"$ref": "#/components/schemas/TaskStatus"}


def _nodes(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_no_timestamp_claims_date_time_format() -> None:
    # The vendor's timestamp formats differ per field, some are not ISO 8601.
    assert not [node for node in _nodes(SPEC) if node.get("format") == "date-time"]


# --- conversions: the task extensions (decisions 12, 13, 14) ---------------------------------


def test_every_post_is_a_conversion_with_task_facts() -> None:
    posts = {name for name, op in OPERATIONS.items() if op.method == "POST"}
    with_facts = {name for name, op in OPERATIONS.items() if op.conversion_type is not None}
    assert posts == set(TASKS) == with_facts
    assert {op.webhook is not None for op in TASKS.values()} == {True}


def test_post_conversions_start_a_task() -> None:
    for name in TASKS:
        media = response(name, 200)["content"]["application/json"]
        started = READER.resolve(media["schema"])
        assert {"success", "task_id"} <= set(started["required"]), name
        assert started["properties"]["eta"]["type"] == "integer"
        assert started["properties"]["credit_estimate"]["type"] == "number"
        assert started["properties"]["status"] == {"$ref": "#/components/schemas/TaskStatus"}


def test_outputs_match_the_ids_the_start_response_requires() -> None:
    for name, op in TASKS.items():
        media = response(name, 200)["content"]["application/json"]
        started = READER.resolve(media["schema"])
        ids = {"conversion_id"} if op.outputs == 1 else {"conversion_id_1", "conversion_id_2"}
        assert op.outputs in (1, 2), name
        assert ids <= set(started["required"]), name
        others = {"conversion_id", "conversion_id_1", "conversion_id_2"} - ids
        assert not others & set(started["required"]), name
        for example in media["examples"].values():
            assert ids <= set(example["value"]), name


def test_two_outputs_exactly_for_the_song_generations() -> None:
    # Decisions 12 and 14: the operations that make songs answer two conversions, and they are
    # the audio-generation category.
    spec_checks.no_problems(
        f"{name}: x-outputs {op.outputs} in category {op.rate_limit_category}"
        for name, op in TASKS.items()
        if (op.outputs == 2) is not (op.rate_limit_category == GENERATION)
    )


def test_rate_limit_categories_hold_the_decided_plan_limits() -> None:
    categories = READER.rate_limit_categories
    assert set(categories) == {GENERATION, UTILITY, ENHANCEMENT, LOOKUP}
    for name in (GENERATION, UTILITY, ENHANCEMENT):
        assert categories[name].unit == "parallel-jobs"
        assert categories[name].limits == PLAN_LIMITS
    lookup = categories[LOOKUP]
    assert (lookup.unit, lookup.limits) == ("requests-per-minute", {"free": 20, "plus": 200,
                                                                    "pro": 500})  # fmt: skip
    assert all(category.description for category in categories.values())


def test_every_conversion_has_a_job_category_and_only_the_lookup_a_rate() -> None:
    # Decisions 8 and 12: each conversion counts against its plan's parallel jobs in one
    # category; getConversion against its calls per minute; the other reads against none.
    categories = READER.rate_limit_categories
    for name, op in OPERATIONS.items():
        category = op.rate_limit_category
        if name in TASKS:
            assert category in categories, name
            assert categories[category].unit == "parallel-jobs", name
        else:
            assert category == (LOOKUP if name == "getConversion" else None), name


def test_conversion_types_are_known_and_one_per_feature() -> None:
    # Decision 13: a known value each; only a deprecated operation repeats another's (that of
    # the operation that replaces it).
    known = SCHEMAS["ConversionType"]["examples"]
    assert {op.conversion_type for op in TASKS.values()} <= set(known)
    current = [op.conversion_type for op in TASKS.values() if not op.deprecated]
    assert len(current) == len(set(current))
    for op in TASKS.values():
        if op.deprecated:
            assert op.replaced_by is not None, op.operation_id
            assert OPERATIONS[op.replaced_by].conversion_type == op.conversion_type


def test_operations_of_one_conversion_type_deliver_one_webhook() -> None:
    by_type: dict[str | None, set[str | None]] = {}
    for op in TASKS.values():
        by_type.setdefault(op.conversion_type, set()).add(op.webhook)
    assert {kind: hooks for kind, hooks in by_type.items() if len(hooks) > 1} == {}


def test_credit_estimate_is_a_positive_price_on_every_paid_operation() -> None:
    assert "x-credit-estimate" in SPEC["info"]["description"]
    for name, op in OPERATIONS.items():
        if op.credit_cost:
            estimate = op.credit_estimate
            assert estimate is not None, name
            assert 0 < estimate < 1, f"{name}: a price in USD for one call"
            assert not isinstance(op.node["x-credit-estimate"], bool)


def test_free_operations_have_no_credit_estimate() -> None:
    free = {name for name, op in OPERATIONS.items() if op.credit_cost == 0}
    assert free == FREE_READS
    assert not [name for name in free if OPERATIONS[name].credit_estimate is not None]


def test_conversions_link_to_polling_with_their_task_and_type() -> None:
    for name, op in TASKS.items():
        links = op.response(200).links
        assert list(links) == ["getConversion"], name
        link = links["getConversion"]
        assert link["operationId"] == "getConversion"
        assert link["parameters"] == {
            "conversionType": op.conversion_type,
            "task_id": "$response.body#/task_id",
        }, name
        assert set(link["parameters"]) <= set(parameters("getConversion"))


def test_a_deprecated_operation_is_a_v1_path_replaced_by_its_v2() -> None:
    # Decision 9: the v1 music and extraction endpoints are deprecated for their v2 twins.
    deprecated = {name: op for name, op in OPERATIONS.items() if op.deprecated}
    assert {op.path for op in deprecated.values()} == {"/v1/MusicAI", "/v1/Extraction"}
    for name, op in deprecated.items():
        assert op.replaced_by is not None, f"{name}: x-replaced-by names the replacement"
        assert OPERATIONS[op.replaced_by].path == op.path.replace("/v1/", "/v2/", 1)
        assert not OPERATIONS[op.replaced_by].deprecated
    assert [op for op in OPERATIONS.values() if op.replaced_by and not op.deprecated] == []


def test_sound_and_image_accept_both_form_encodings_with_the_same_fields() -> None:
    # Decision 16.
    two = {name for name, op in OPERATIONS.items() if op.request_body and
           len(op.request_body.media_types) == 2}  # fmt: skip
    assert two == TWO_FORM_ENCODINGS
    for name in TWO_FORM_ENCODINGS:
        form = request_schema(name, "application/x-www-form-urlencoded")
        multipart = request_schema(name, "multipart/form-data")
        assert properties(form) == properties(multipart), name
        assert form.get("required", []) == READER.resolve(multipart["allOf"][0]).get(
            "required", [])  # fmt: skip


def test_list_valued_form_fields_are_json_strings_everywhere() -> None:
    # No schema may declare an array where a form field travels (the vendor's JSON-string rule).
    for name, op in OPERATIONS.items():
        body = op.request_body
        for media_type, media in body.content.items() if body else ():
            if media_type == "application/json":
                continue
            fields = properties(media.schema or {})
            assert not [f for f, s in fields.items() if s.get("type") == "array"], name


# --- webhooks --------------------------------------------------------------------------------


def test_every_named_webhook_exists_and_every_shape_is_used() -> None:
    named = {op.webhook for op in OPERATIONS.values() if op.webhook is not None}
    assert named <= set(WEBHOOKS)
    assert set(WEBHOOKS) - named == {"generic"}, "only the vendor's generic sample is unnamed"


def test_every_webhook_is_an_unsigned_json_post_with_a_tolerant_schema() -> None:
    for name, op in WEBHOOKS.items():
        assert op.method == "POST", name
        assert op.node["security"] == [], name
        assert op.request_body is not None
        (media_type, media), *others = op.request_body.content.items()
        assert (media_type, others) == ("application/json", []), name
        assert media.node["examples"], name
        schema = media.schema
        assert schema is not None
        assert schema["additionalProperties"] is True, name
        assert schema["required"] == ["task_id", "conversion_type"], name
        for field in ("conversion_cost", "conversion_duration"):
            if field in schema["properties"]:
                types = READER.resolve(schema["properties"][field])["type"]
                assert set(types) == {"number", "string"}, (name, field)


@pytest.mark.parametrize(
    ("name", "body", "valid"),
    [
        ("textToSpeech", {"task_id": "t", "conversion_type": "Text To Speech",
                          "conversion_cost": 0.68, "brand_new_field": [1]}, True),
        ("textToSpeech", {"task_id": "t", "conversion_type": "Text To Speech",
                          "conversion_cost": "0.68"}, True),
        ("textToSpeech", {"conversion_type": "Text To Speech"}, False),
        ("musicAi", {"task_id": "t", "conversion_type": "Music AI",
                     "subtype": "a_subtype_nobody_documented"}, True),
        ("extraction", {"task_id": "t", "conversion_type": "Extraction", "audio_url": {}}, False),
    ],
    ids=["unknown-field-kept", "cost-as-string", "no-task-id", "unknown-subtype", "url-not-text"],
)  # fmt: skip
def test_webhook_schemas_are_tolerant_but_not_empty(name: str, body: Any, valid: bool) -> None:
    pointer = READER.webhook_payload_pointer(name)
    assert pointer is not None
    assert READER.validator(pointer).is_valid(body) is valid


# --- the generated operation facts -------------------------------------------------------------


def test_generated_operation_facts_are_the_specs() -> None:
    assert operation_facts.SECURITY == {"header": "Authorization", "prefix": ""}
    assert READER.server_url == operation_facts.SERVER_URL
    assert set(operation_facts.OPERATIONS) == set(OPERATIONS)
    problems = []
    for name, op in OPERATIONS.items():
        facts = operation_facts.OPERATIONS[name]
        stated = (op.method, op.path, op.statuses, op.credit_cost, op.idempotent)
        generated = (facts["method"], facts["path"], tuple(facts["statuses"]),
                     facts["credit_cost"], facts["idempotent"])  # fmt: skip
        if generated != stated:
            problems.append(f"{name}: generated {generated}, the spec states {stated}")
    spec_checks.no_problems(problems)
