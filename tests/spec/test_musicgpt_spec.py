"""MusicGPT's spec states exactly the project's decisions (shared/api-facts/musicgpt.md).

The second half drives the generated `backbeat._generated.musicgpt` against respx mocks: raw-key
auth, a real multipart upload and a 402 body with credit amounts.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest
import respx
from backbeat._generated.musicgpt import AuthenticatedClient, models
from backbeat._generated.musicgpt import operations as operation_facts
from backbeat._generated.musicgpt.api.audio import change_voice, extract_stems
from backbeat._generated.musicgpt.api.generation import generate_music
from backbeat._generated.musicgpt.api.tasks import get_conversion
from backbeat._generated.musicgpt.api.voices import list_voices
from backbeat._generated.musicgpt.models import (
    ChangeVoiceRequest,
    ChangeVoiceRequestRemoveBackground,
    Error,
    ExtractStemsRequest,
    GenerateMusicRequest,
)
from backbeat._generated.musicgpt.types import File, Unset
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from python_multipart import parse_form

from tests.spec import spec_checks

SPEC_FILE = "musicgpt.openapi.yaml"
SPEC = spec_checks.load(SPEC_FILE)
OPERATIONS = {op.operation_id: op for op in spec_checks.operations(SPEC)}
EXAMPLES = spec_checks.examples(SPEC)

BASE_STATUSES = frozenset({200, 400, 401, 403, 429, 500})
POST_CONVERSION_STATUSES = BASE_STATUSES | {402, 409, 422}


class Decided(NamedTuple):
    """What shared/api-facts/musicgpt.md decides for one operation (decisions 4, 7, 9 and 11)."""

    method: str
    path: str
    statuses: frozenset[int]
    credit_cost: int
    idempotent: bool


def _post(path: str) -> Decided:
    return Decided("POST", path, POST_CONVERSION_STATUSES, 1, False)


DECIDED = {
    "generateMusic": _post("/v2/MusicAI"),
    "getConversion": Decided("GET", "/v1/byId", BASE_STATUSES | {404}, 0, True),
    "listVoices": Decided("GET", "/v1/getAllVoices", BASE_STATUSES, 0, True),
    "searchVoices": Decided("GET", "/v1/searchVoices", BASE_STATUSES, 0, True),
    "textToSpeech": _post("/v1/TextToSpeech"),
    "extractStems": _post("/v2/Extraction"),
    "changeVoice": _post("/v1/VoiceChanger"),
    "generateLyrics": Decided("GET", "/v1/prompt_to_lyrics", BASE_STATUSES | {402}, 1, True),
    "generateMusicV1": _post("/v1/MusicAI"),
    "extractStemsV1": _post("/v1/Extraction"),
    "convertFile": _post("/v1/file_convert"),
    "generateSound": _post("/v1/sound_generator"),
    "coverSong": _post("/v1/Cover"),
    "denoiseAudio": _post("/v1/denoise"),
    "deechoAudio": _post("/v1/deecho"),
    "dereverbAudio": _post("/v1/dereverb"),
    "extractKeyBpm": _post("/v1/extract_key_bpm"),
    "transcribeAudio": _post("/v1/audio_transcribe"),
    "masterAudio": _post("/v1/audio_mastering"),
    "cutAudio": _post("/v1/audio_cutter"),
    "changeAudioSpeed": _post("/v1/audio_speed_changer"),
    "convertAudioToMidi": _post("/v1/audio_to_midi"),
    "remixSong": _post("/v1/Remix"),
    "extendSong": _post("/v1/extend"),
    "inpaintSong": _post("/v1/inpaint"),
    "singOverInstrumental": _post("/v1/sing_over_instrumental"),
    "singOverVocal": _post("/v1/sing_over_vocal"),
    "imageToSong": _post("/v1/image_to_song"),
    "generateImage": _post("/v1/image_generator"),
    "listUserConversions": Decided("GET", "/v1/byUser", BASE_STATUSES, 0, True),
}


class Task(NamedTuple):
    """Decisions 12, 13 and 14 for one conversion operation, and its webhook (section 5b)."""

    conversion_type: str
    outputs: int
    category: str
    webhook: str


GENERATION, UTILITY, ENHANCEMENT = "audio-generation", "audio-utility", "audio-enhancement"
TASKS = {
    "generateMusic": Task("MUSIC_AI", 2, GENERATION, "musicAi"),
    "generateMusicV1": Task("MUSIC_AI", 2, GENERATION, "musicAi"),
    "textToSpeech": Task("TEXT_TO_SPEECH", 1, ENHANCEMENT, "textToSpeech"),
    "extractStems": Task("EXTRACTION", 1, ENHANCEMENT, "extraction"),
    "extractStemsV1": Task("EXTRACTION", 1, ENHANCEMENT, "extraction"),
    "changeVoice": Task("VOICE_CONVERSION", 1, ENHANCEMENT, "voiceChanger"),
    "coverSong": Task("COVER", 1, ENHANCEMENT, "cover"),
    "denoiseAudio": Task("DENOISING", 1, ENHANCEMENT, "denoise"),
    "deechoAudio": Task("DEECHO", 1, ENHANCEMENT, "deecho"),
    "dereverbAudio": Task("DEREVERB", 1, ENHANCEMENT, "dereverb"),
    "generateSound": Task("SOUND_GENERATOR", 1, ENHANCEMENT, "soundGenerator"),
    "transcribeAudio": Task("AUDIO_TRANSCRIPTION", 1, ENHANCEMENT, "transcription"),
    "convertFile": Task("FILE_CONVERT", 1, UTILITY, "fileConversion"),
    "extractKeyBpm": Task("KEY_BPM_EXTRACTION", 1, UTILITY, "keyBpm"),
    "masterAudio": Task("AUDIO_MASTERING", 1, UTILITY, "audioMastering"),
    "cutAudio": Task("AUDIO_CUTTER", 1, UTILITY, "audioCutter"),
    "changeAudioSpeed": Task("AUDIO_SPEED_CHANGER", 1, UTILITY, "audioSpeedChanger"),
    "convertAudioToMidi": Task("AUDIO_TO_MIDI", 1, UTILITY, "audioToMidi"),
    "generateImage": Task("IMAGE_GENERATOR", 1, UTILITY, "imageGenerator"),
    "remixSong": Task("REMIX", 2, GENERATION, "song"),
    "extendSong": Task("EXTEND", 2, GENERATION, "song"),
    "inpaintSong": Task("INPAINT", 2, GENERATION, "song"),
    "singOverInstrumental": Task("SING_OVER_INSTRUMENTAL", 2, GENERATION, "song"),
    "singOverVocal": Task("SING_OVER_VOCAL", 2, GENERATION, "song"),
    "imageToSong": Task("IMAGE_TO_SONG", 2, GENERATION, "song"),
}
DEPRECATED = {"generateMusicV1", "extractStemsV1"}
TWO_FORM_ENCODINGS = {"generateSound", "generateImage"}
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

BASE_URL = "http://musicgpt.test/api/public"
KEY = "mg_test_free_spec1"


SCHEMAS = SPEC["components"]["schemas"]


def response(operation_id: str, status: int) -> dict[str, Any]:
    """The response object an operation documents for a status, `$ref` followed."""
    return spec_checks.resolve(SPEC, OPERATIONS[operation_id].body["responses"][str(status)])


def parameters(operation_id: str) -> dict[str, dict[str, Any]]:
    params = (spec_checks.resolve(SPEC, p) for p in OPERATIONS[operation_id].body["parameters"])
    return {p["name"]: p for p in params}


def request_schema(operation_id: str, media_type: str) -> dict[str, Any]:
    content = OPERATIONS[operation_id].body["requestBody"]["content"]
    expected = [media_type]
    if operation_id in TWO_FORM_ENCODINGS:
        expected = ["application/x-www-form-urlencoded", "multipart/form-data"]
    assert list(content) == expected
    return spec_checks.resolve(SPEC, content[media_type]["schema"])


def request_pointer(operation_id: str, media_type: str) -> str:
    op = OPERATIONS[operation_id]
    media = media_type.replace("/", "~1")
    return f"/paths/{op.path.replace('/', '~1')}/{op.method}/requestBody/content/{media}/schema"


def properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A schema's properties with `$ref`s followed, its own and those of its `allOf` parts."""
    own = schema.get("properties", {}).items()
    found = {name: spec_checks.resolve(SPEC, prop) for name, prop in own}
    for part in schema.get("allOf", []):
        found.update(properties(spec_checks.resolve(SPEC, part)))
    return found


# --- the spec states the decisions -----------------------------------------------------------


def test_spec_is_valid_openapi_3_1_with_production_then_sandbox_servers() -> None:
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1.")
    assert [s["url"] for s in SPEC["servers"]] == [
        "https://api.musicgpt.com/api/public",
        "http://127.0.0.1:8765/api/public",
    ]


def test_the_spec_holds_exactly_the_decided_operations() -> None:
    assert set(OPERATIONS) == set(DECIDED)


@pytest.mark.parametrize("operation_id", sorted(DECIDED))
def test_operation_states_its_decided_facts(operation_id: str) -> None:
    op = OPERATIONS[operation_id]
    stated = Decided(
        op.method.upper(),
        op.path,
        frozenset(op.statuses()),
        op.body["x-credit-cost"],
        op.body["x-idempotent"],
    )
    assert stated == DECIDED[operation_id]


@pytest.mark.parametrize("operation_id", sorted(DECIDED))
def test_every_operation_requires_the_raw_api_key_header(operation_id: str) -> None:
    assert OPERATIONS[operation_id].body["security"] == [{"apiKeyAuth": []}]
    scheme = SPEC["components"]["securitySchemes"]["apiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert list(SPEC["components"]["securitySchemes"]) == ["apiKeyAuth"]


@pytest.mark.parametrize("operation_id", sorted(DECIDED))
def test_429_documents_an_optional_integer_retry_after(operation_id: str) -> None:
    headers = response(operation_id, 429)["headers"]
    retry_after = spec_checks.resolve(SPEC, headers["Retry-After"])
    assert retry_after["required"] is False
    assert retry_after["schema"] == {"type": "integer", "minimum": 0}


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(op_id, status) for op_id, decided in DECIDED.items() for status in decided.statuses],
)
def test_no_response_requires_a_header(operation_id: str, status: int) -> None:
    # The vendor documents no rate-limit or credit headers: none may be invented as required.
    headers = response(operation_id, status).get("headers", {})
    assert set(headers) <= {"Retry-After"}
    for name, header in headers.items():
        assert spec_checks.resolve(SPEC, header).get("required", False) is False, name


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(op_id, s) for op_id, decided in DECIDED.items() for s in decided.statuses if s >= 400],
)
def test_error_status_refers_to_its_shared_response(operation_id: str, status: int) -> None:
    raw = OPERATIONS[operation_id].body["responses"][str(status)]
    assert raw == {"$ref": f"#/components/responses/{ERROR_RESPONSES[status]}"}


@pytest.mark.parametrize("name", sorted(ERROR_RESPONSES.values()))
def test_shared_error_response_is_json_error_with_named_examples(name: str) -> None:
    (media_type, media), *others = SPEC["components"]["responses"][name]["content"].items()
    assert (media_type, others) == ("application/json", [])
    assert media["schema"] == {"$ref": "#/components/schemas/Error"}
    assert media["examples"], "each error needs realistic named examples"
    assert all(example["summary"] for example in media["examples"].values())


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
    conversion_type = spec_checks.resolve(SPEC, params["conversionType"]["schema"])
    assert conversion_type["type"] == "string"
    assert "enum" not in conversion_type, "decision 13: an open string"
    assert conversion_type["examples"] == CONVERSION_TYPES
    assert params["task_id"]["required"] is False
    assert params["conversion_id"]["required"] is False


def test_get_conversion_requires_one_of_its_optional_ids() -> None:
    rule = OPERATIONS["getConversion"].body["x-requires-one-of"]
    assert rule == ["task_id", "conversion_id"]
    params = parameters("getConversion")
    assert all(params[name]["in"] == "query" and not params[name]["required"] for name in rule)
    assert "x-requires-one-of" in SPEC["info"]["description"]
    assert "x-less-than" in SPEC["info"]["description"]


UPLOAD_ALTERNATIVES = {
    name: ["image_url", "image_file"] if name == "imageToSong" else ["audio_url", "audio_file"]
    for name in TASKS
    if name not in {"generateMusic", "generateMusicV1", "textToSpeech", "generateSound",
                    "generateImage"}
}  # fmt: skip


def test_requires_one_of_is_on_the_query_lookup_and_every_upload_operation() -> None:
    carriers = {name: op.body["x-requires-one-of"] for name, op in OPERATIONS.items()
                if "x-requires-one-of" in op.body}  # fmt: skip
    assert carriers == {"getConversion": ["task_id", "conversion_id"], **UPLOAD_ALTERNATIVES}


@pytest.mark.parametrize("operation_id", sorted(UPLOAD_ALTERNATIVES))
def test_upload_alternatives_are_body_fields_the_schema_also_requires(operation_id: str) -> None:
    url_field, file_field = OPERATIONS[operation_id].body["x-requires-one-of"]
    body = request_schema(operation_id, "multipart/form-data")
    props = properties(body)
    assert props[file_field]["format"] == "binary"
    assert props[url_field]["type"] == "string"
    validator = spec_checks.validator(SPEC, request_pointer(operation_id, "multipart/form-data"))
    required = dict.fromkeys(body.get("required", []), "x")
    assert not validator.is_valid(required), "neither alternative must be invalid"


@pytest.mark.parametrize("operation_id", ["listVoices", "searchVoices"])
def test_paging_parameters_have_documented_bounds(operation_id: str) -> None:
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
        assert spec_checks.resolve(SPEC, body["properties"]["audio_url"])["type"] == "string"
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
    validator = spec_checks.validator(SPEC, f"/components/schemas/{schema_name}")
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


@pytest.mark.parametrize("operation_id", sorted(TASKS))
def test_post_conversions_start_a_task(operation_id: str) -> None:
    media = response(operation_id, 200)["content"]["application/json"]
    started = spec_checks.resolve(SPEC, media["schema"])
    assert {"success", "task_id"} <= set(started["required"])
    assert started["properties"]["eta"]["type"] == "integer"
    assert started["properties"]["credit_estimate"]["type"] == "number"
    assert started["properties"]["status"] == {"$ref": "#/components/schemas/TaskStatus"}


def test_every_post_is_a_conversion_with_task_facts() -> None:
    posts = {name for name, op in OPERATIONS.items() if op.method == "post"}
    assert posts == set(TASKS)
    with_facts = {name for name, op in OPERATIONS.items() if "x-conversion-type" in op.body}
    assert with_facts == set(TASKS)


# --- per-operation facts as vendor extensions ------------------------------------------------


@pytest.mark.parametrize("operation_id", sorted(TASKS))
def test_conversion_states_its_decided_task_facts(operation_id: str) -> None:
    body = OPERATIONS[operation_id].body
    stated = Task(
        body["x-conversion-type"], body["x-outputs"], body["x-rate-limit-category"],
        body["x-webhook"],
    )  # fmt: skip
    assert stated == TASKS[operation_id]


def test_rate_limit_categories_hold_the_decided_plan_limits() -> None:
    categories = SPEC["x-rate-limit-categories"]
    assert set(categories) == {GENERATION, UTILITY, ENHANCEMENT, "conversion-lookup"}
    for name in (GENERATION, UTILITY, ENHANCEMENT):
        assert categories[name]["unit"] == "parallel-jobs"
        assert categories[name]["limits"] == PLAN_LIMITS
    lookup = categories["conversion-lookup"]
    assert (lookup["unit"], lookup["limits"]) == (
        "requests-per-minute", {"free": 20, "plus": 200, "pro": 500})  # fmt: skip
    assert all(category["description"] for category in categories.values())


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_a_stated_category_is_a_key_of_the_top_level_map(operation_id: str) -> None:
    category = OPERATIONS[operation_id].body.get("x-rate-limit-category")
    expected = "conversion-lookup" if operation_id == "getConversion" else TASKS.get(
        operation_id, Task("", 0, None, "")).category  # type: ignore[arg-type]  # fmt: skip
    assert category == expected
    assert category is None or category in SPEC["x-rate-limit-categories"]


@pytest.mark.parametrize("operation_id", sorted(TASKS))
def test_outputs_match_the_ids_the_start_response_requires(operation_id: str) -> None:
    body = OPERATIONS[operation_id].body
    media = response(operation_id, 200)["content"]["application/json"]
    started = spec_checks.resolve(SPEC, media["schema"])
    ids = {"conversion_id"} if body["x-outputs"] == 1 else {"conversion_id_1", "conversion_id_2"}
    assert ids <= set(started["required"])
    assert not ({"conversion_id", "conversion_id_1", "conversion_id_2"} - ids) & set(
        started["required"])  # fmt: skip
    for example in media["examples"].values():
        assert ids <= set(example["value"])


@pytest.mark.parametrize("operation_id", sorted(TASKS))
def test_conversion_type_is_a_known_value(operation_id: str) -> None:
    known = SCHEMAS["ConversionType"]["examples"]
    assert OPERATIONS[operation_id].body["x-conversion-type"] in known


@pytest.mark.parametrize("operation_id", [*sorted(TASKS), "generateLyrics"])
def test_credit_estimate_is_a_positive_price_explained_in_the_spec(operation_id: str) -> None:
    estimate = OPERATIONS[operation_id].body["x-credit-estimate"]
    assert isinstance(estimate, int | float)
    assert not isinstance(estimate, bool)
    assert 0 < estimate < 1, "a price in USD for one call"
    assert OPERATIONS[operation_id].body["x-credit-cost"] == 1
    assert "x-credit-estimate" in SPEC["info"]["description"]


def test_free_operations_have_no_credit_estimate() -> None:
    free = {name for name, op in OPERATIONS.items() if op.body["x-credit-cost"] == 0}
    assert free == {"getConversion", "listVoices", "searchVoices", "listUserConversions"}
    assert not [name for name in free if "x-credit-estimate" in OPERATIONS[name].body]


@pytest.mark.parametrize("operation_id", sorted(TASKS))
def test_conversion_links_to_polling_with_its_task_and_type(operation_id: str) -> None:
    links = response(operation_id, 200)["links"]
    assert list(links) == ["getConversion"]
    link = links["getConversion"]
    assert link["operationId"] == "getConversion"
    assert link["parameters"] == {
        "conversionType": OPERATIONS[operation_id].body["x-conversion-type"],
        "task_id": "$response.body#/task_id",
    }
    assert set(link["parameters"]) <= set(parameters("getConversion"))


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_only_the_v1_music_and_extraction_operations_are_deprecated(operation_id: str) -> None:
    assert OPERATIONS[operation_id].body.get("deprecated", False) is (operation_id in DEPRECATED)


@pytest.mark.parametrize("operation_id", sorted(TWO_FORM_ENCODINGS))
def test_sound_and_image_accept_both_form_encodings_with_the_same_fields(
    operation_id: str,
) -> None:
    form = request_schema(operation_id, "application/x-www-form-urlencoded")
    multipart = request_schema(operation_id, "multipart/form-data")
    assert properties(form) == properties(multipart)
    assert form.get("required", []) == spec_checks.resolve(SPEC, multipart["allOf"][0]).get(
        "required", [])  # fmt: skip


def test_list_valued_form_fields_are_json_strings_everywhere() -> None:
    # No schema may declare an array where a form field travels (the vendor's JSON-string rule).
    for name, op in OPERATIONS.items():
        content = op.body.get("requestBody", {}).get("content", {})
        for media_type, media in content.items():
            if media_type == "application/json":
                continue
            fields = properties(spec_checks.resolve(SPEC, media["schema"]))
            assert not [f for f, s in fields.items() if s.get("type") == "array"], name


# --- webhooks ----------------------------------------------------------------------------------

WEBHOOKS = {op.path: op for op in spec_checks.webhooks(SPEC)}


def test_every_named_webhook_exists_and_every_shape_is_used() -> None:
    named = {op.body["x-webhook"] for op in OPERATIONS.values() if "x-webhook" in op.body}
    assert named <= set(WEBHOOKS)
    assert set(WEBHOOKS) - named == {"generic"}, "only the vendor's generic sample is unnamed"


@pytest.mark.parametrize("name", sorted(WEBHOOKS))
def test_webhook_is_an_unsigned_json_post_with_a_tolerant_schema(name: str) -> None:
    op = WEBHOOKS[name]
    assert op.method == "post"
    assert op.body["security"] == []
    (media_type, media), *others = op.body["requestBody"]["content"].items()
    assert (media_type, others) == ("application/json", [])
    assert media["examples"]
    schema = spec_checks.resolve(SPEC, media["schema"])
    assert schema["additionalProperties"] is True
    assert schema["required"] == ["task_id", "conversion_type"]
    for field in ("conversion_cost", "conversion_duration"):
        if field in schema["properties"]:
            types = spec_checks.resolve(SPEC, schema["properties"][field])["type"]
            assert set(types) == {"number", "string"}, field


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
)  # fmt: skip
def test_webhook_schemas_are_tolerant_but_not_empty(name: str, body: Any, valid: bool) -> None:
    media = WEBHOOKS[name].body["requestBody"]["content"]["application/json"]
    pointer = spec_checks.resolve(SPEC, media["schema"])
    ref = media["schema"]["$ref"].removeprefix("#")
    assert pointer is not None
    assert spec_checks.validator(SPEC, ref).is_valid(body) is valid


# --- every example is valid --------------------------------------------------------------------


# Media and header examples, parameter examples, and schema-level examples.
ALL_EXAMPLES = [(e.where, e.schema_pointer, e.value) for e in spec_checks.all_examples(SPEC)]


def test_every_kind_of_example_is_collected() -> None:
    assert len(EXAMPLES) >= 35
    kinds = {where.split(" ")[1] for where, _, _ in ALL_EXAMPLES if " " in where}
    assert {"request", "200", "402", "429", "task_id", "prompt"} <= kinds
    assert sum(where.startswith("/components/schemas/") for where, _, _ in ALL_EXAMPLES) >= 15


@pytest.mark.parametrize(
    ("schema_pointer", "value"),
    [(pointer, value) for _, pointer, value in ALL_EXAMPLES],
    ids=[where for where, _, _ in ALL_EXAMPLES],
)
def test_example_is_valid_against_its_schema(schema_pointer: str, value: Any) -> None:
    problems = spec_checks.validator(SPEC, schema_pointer).iter_errors(value)
    assert not [problem.message for problem in problems]


def test_a_wrong_example_is_caught() -> None:
    # Guards the test above: the validator must actually see the referenced schemas.
    error_pointer = "/components/schemas/Error"
    assert list(spec_checks.validator(SPEC, error_pointer).iter_errors({"success": True}))
    voice_pointer = "/components/schemas/ChangeVoiceRequest"
    assert list(spec_checks.validator(SPEC, voice_pointer).iter_errors({"pitch": 13}))
    assert not Draft202012Validator({"type": "string"}).is_valid(1)


# --- the generated client ----------------------------------------------------------------------

# (where, generated model class, example value) for every media example with a named schema.
MODEL_EXAMPLES = [
    (e.where, getattr(models, name), e.value)
    for e in EXAMPLES
    if (name := spec_checks.schema_name(SPEC, e.schema_pointer))
]


def test_every_media_example_has_a_generated_model() -> None:
    media_examples = [e for e in EXAMPLES if " header " not in e.where]
    assert len(MODEL_EXAMPLES) == len(media_examples)


@pytest.mark.parametrize(
    ("model", "value"),
    [(model, value) for _, model, value in MODEL_EXAMPLES],
    ids=[where for where, _, _ in MODEL_EXAMPLES],
)
def test_generated_model_round_trips_example(model: Any, value: Any) -> None:
    assert model.from_dict(value).to_dict() == spec_checks.without_nulls(value)


def test_generated_auth_server_and_operation_facts() -> None:
    assert operation_facts.SECURITY == {"header": "Authorization", "prefix": ""}
    assert set(operation_facts.OPERATIONS) == set(DECIDED)
    assert SPEC["servers"][0]["url"] == operation_facts.SERVER_URL


@pytest.mark.parametrize("operation_id", sorted(DECIDED))
def test_generated_operation_facts_follow_the_decisions(operation_id: str) -> None:
    facts = operation_facts.OPERATIONS[operation_id]
    generated = Decided(
        facts["method"],
        facts["path"],
        frozenset(facts["statuses"]),
        facts["credit_cost"],
        facts["idempotent"],
    )
    assert generated == DECIDED[operation_id]
    assert list(facts["statuses"]) == sorted(facts["statuses"])


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=True) as mock:
        yield mock


def client() -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token=KEY, prefix="", timeout=httpx.Timeout(5))


def started(conversion_id: str) -> dict[str, Any]:
    return {"success": True, "task_id": "t-1", "conversion_id": conversion_id, "eta": 5,
            "credit_estimate": 0.02, "message": "", "status": "IN_QUEUE"}  # fmt: skip


def multipart_parts(request: httpx.Request) -> dict[str, tuple[str | None, bytes]]:
    """field name -> (file name or None, bytes), parsed as a server would parse it."""
    parts: dict[str, tuple[str | None, bytes]] = {}

    def on_field(field: Any) -> None:
        parts[field.field_name.decode()] = (None, field.value or b"")

    def on_file(file: Any) -> None:
        file.file_object.seek(0)
        parts[file.field_name.decode()] = (file.file_name.decode(), file.file_object.read())

    headers = {"Content-Type": request.headers["content-type"].encode()}
    parse_form(headers, io.BytesIO(request.content), on_field, on_file)
    return parts


def test_client_sends_the_raw_key(router: respx.MockRouter) -> None:
    page = {"success": True, "voices": [], "limit": 20, "page": 0, "total": 0}
    route = router.get("/v1/getAllVoices").respond(200, json=page)
    result = list_voices.sync_detailed(client=client(), limit=20, page=0)
    assert result.status_code == 200
    request = route.calls.last.request
    assert request.headers["authorization"] == KEY
    assert "bearer" not in request.headers["authorization"].lower()
    assert dict(request.url.params) == {"limit": "20", "page": "0"}


def test_client_polls_by_conversion_type(router: respx.MockRouter) -> None:
    record = {"success": True, "conversion": {"task_id": "t-1", "status": "COMPLETED"}}
    route = router.get("/v1/byId").respond(200, json=record)
    result = get_conversion.sync(client=client(), conversion_type="MUSIC_AI", task_id="t-1")
    assert result is not None
    assert not isinstance(result, Error)
    assert result.conversion.status == "COMPLETED"
    assert dict(route.calls.last.request.url.params) == {
        "conversionType": "MUSIC_AI",
        "task_id": "t-1",
    }


def test_extract_stems_uploads_the_file_as_multipart(router: respx.MockRouter) -> None:
    route = router.post("/v2/Extraction").respond(200, json=started("c-1"))
    audio = b"ID3\x04\x00fake mp3 bytes\r\n--not a boundary\x00\xff"
    body = ExtractStemsRequest(
        audio_file=File(payload=io.BytesIO(audio), file_name="song.mp3", mime_type="audio/mpeg"),
        stems=json.dumps(["vocals", "drums"]),
        eco_mode=True,
    )
    result = extract_stems.sync(client=client(), body=body)
    assert result is not None
    assert not isinstance(result, Error)
    assert result.conversion_id == "c-1"
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert request.headers["authorization"] == KEY
    parts = multipart_parts(request)
    assert parts["audio_file"] == ("song.mp3", audio)
    assert parts["stems"] == (None, b'["vocals", "drums"]')
    # A list field left out is not sent: the server's default ("[]") applies.
    assert "preprocessing_options" not in parts
    # Form booleans travel as Python's str(bool): the spec accepts any letter case.
    assert parts["eco_mode"] == (None, b"True")
    assert "audio_url" not in parts


def test_change_voice_sends_integers_as_form_strings(router: respx.MockRouter) -> None:
    route = router.post("/v1/VoiceChanger").respond(200, json=started("c-2"))
    body = ChangeVoiceRequest(
        voice_id="JustinBieber",
        audio_url="https://example.org/audio/demo-vocals.mp3",
        remove_background=ChangeVoiceRequestRemoveBackground.VALUE_1,
        pitch=-12,
    )
    change_voice.sync(client=client(), body=body)
    parts = multipart_parts(route.calls.last.request)
    assert parts["voice_id"] == (None, b"JustinBieber")
    assert parts["remove_background"] == (None, b"1")
    assert parts["pitch"] == (None, b"-12")
    assert "audio_file" not in parts


def test_402_with_amounts_is_parsed_into_the_error_model(router: respx.MockRouter) -> None:
    body = {"success": False, "error": "Insufficient credits for this operation",
            "required_credits": 150.75, "available_credits": 100.0}  # fmt: skip
    router.post("/v2/MusicAI").respond(402, json=body)
    result = generate_music.sync_detailed(
        client=client(), body=GenerateMusicRequest(prompt="lo-fi piano")
    )
    assert result.status_code == 402
    assert isinstance(result.parsed, Error)
    assert result.parsed.success is False
    assert result.parsed.error == "Insufficient credits for this operation"
    assert (result.parsed.required_credits, result.parsed.available_credits) == (150.75, 100.0)
    assert result.parsed.to_dict() == body


def test_402_with_only_a_message_is_parsed_too(router: respx.MockRouter) -> None:
    body = {"success": False, "message": "Insufficient credit balance"}
    router.post("/v2/MusicAI").respond(402, json=body)
    result = generate_music.sync_detailed(client=client(), body=GenerateMusicRequest(prompt="x"))
    assert isinstance(result.parsed, Error)
    assert result.parsed.message == "Insufficient credit balance"
    assert isinstance(result.parsed.required_credits, Unset)
    assert isinstance(result.parsed.error, Unset)
