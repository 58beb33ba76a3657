"""`backbeat.musicgpt.parse_webhook` on every payload shape of the vendor's docs, and on junk."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

import pytest
from backbeat import musicgpt_webhooks as hooks
from backbeat.musicgpt import InvalidWebhook, WebhookEvent, parse_webhook
from hypothesis import given, settings
from hypothesis import strategies as st

from .musicgpt_support import SPEC

CDN = "https://cdn1.wav.com"
TASK = "c287cca4-c03a-5074-b16a-b8da9d6a124c"
LYRICS_TIMESTAMPED = json.dumps(
    [
        {"start": 9880, "end": 35120, "text": "[Verse]", "index": 0},
        {"start": 35120, "end": 40000, "text": "Turn up the sound", "index": 1},
    ]
)

# The vendor's webhook samples (fact sheet §5b), one per shape, with their types as printed.
MUSIC_AI_TRACK = {
    "success": True,
    "conversion_type": "Music AI",
    "subtype": "music_ai",
    "task_id": TASK,
    "conversion_id": "8725079f-bf68-5098-a6c8-6dcba44dcaa2",
    "conversion_path": f"{CDN}/conversions/api/standard/8725079f/8725079f.mp3",
    "conversion_path_wav": f"{CDN}/conversions/api/hq/8725079f/8725079f.wav",
    "conversion_duration": 155.95,
    "is_flagged": False,
    "reason": "",
    "lyrics": "[Verse]\nTurn up the sound...",
    "lyrics_timestamped": LYRICS_TIMESTAMPED,
    "title": "Rhythm Take Control",
    "album_cover_path": f"{CDN}/img-gen-pipeline/api/{TASK}.jpg",
}
LYRICS = {
    "success": True,
    "conversion_type": "Music AI",
    "subtype": "lyrics_timestamped",
    "task_id": TASK,
    "conversion_id": "8725079f-bf68-5098-a6c8-6dcba44dcaa2",
    "lyrics_timestamped": LYRICS_TIMESTAMPED,
}
STREAMING = {
    "success": True,
    "conversion_type": "Music AI",
    "subtype": "audio_streaming",
    "task_id": TASK,
    "conversion_id": "8725079f-bf68-5098-a6c8-6dcba44dcaa2",
    "streaming_url": f"{CDN}/streams/5e0c1f7a/index.m3u8",
}
ALBUM_COVER = {
    "success": True,
    "conversion_type": "Sing Over Instrumental",  # as printed on the Sing Over Vocal page
    "subtype": "album_cover_generation",
    "task_id": TASK,
    "image_paths": [f"{CDN}/img/{TASK}.jpg"],
    "thumbnail_paths": [f"{CDN}/img/{TASK}_thumb.jpg"],
    "image_path": f"{CDN}/img/{TASK}.jpg",
    "thumbnail_path": f"{CDN}/img/{TASK}_thumb.jpg",
    "conversion_id_1": "eba76eae-9c77-5b09-9f2b-96a8bdef0f36",
    "conversion_id_2": "1f0b6f4e-3a7c-5d2e-8b9a-0c1d2e3f4a5b",
    "album_cover_generator_output": True,
}
REMIX_TRACK = {**MUSIC_AI_TRACK, "conversion_type": "Remix", "subtype": "remix"}
del REMIX_TRACK["album_cover_path"]
TEXT_TO_SPEECH = {
    "success": True,
    "conversion_type": "Text To Speech",
    "task_id": "037a9a09-3fc6-4a90-8748-d3406ff712eb",
    "conversion_id": "f1970224-ab06-4aa6-a832-0f3fd23212b7",
    "conversion_path": f"{CDN}/conversions/api/tts/f1970224/f1970224.mp3",
    "message": "Conversion Completed",
    "conversion_cost": "0.68",
    "conversion_duration": 27.78,
}
VOICE_CHANGER = {
    "success": True,
    "conversion_type": "Voice Conversion",
    "task_id": "fdcca59e-9788-43fc-9ee6-e9983064c432",
    "conversion_id": "67092f68-045d-4e3c-8006-532f144dd610",
    "conversion_path": f"{CDN}/projects/standard/67092f68.mp3",
    "conversion_cost": "0.78",
    "conversion_duration": 272.44,
    "message": "Conversion Completed",
}
COVER = {
    "success": True,
    "conversion_type": "Cover",
    "task_id": "0ec93bdd-6132-40db-a873-676dc314919c",
    "conversion_id": "acff300f-1c96-498d-99fe-929b985c5c55",
    "conversion_path": f"{CDN}/projects/acff300f.mp3",
    "conversion_duration": 272.44,
    "message": "Conversion Completed",
}
IMAGE = {
    "success": True,
    "conversion_type": "Image Generator",
    "task_id": "0af8567f-6156-4bb2-9adc-99b0c8792700",
    "conversion_id": "9e6ac90d-c09e-4ea6-8c39-d9f4e39bbbc8",
    "conversion_path": "https://cdn.example.com/generated-images/image.png",
    "message": "Image generated successfully",
}
EXTRACTION: dict[str, Any] = {
    "success": True,
    "conversion_type": "Extraction",
    "task_id": "1683c35d-3990-4aac-98da-6847a6893893",
    "conversion_id": "dded3f43-4715-4564-88e0-b66ebc00c466",
    "audio_url": json.dumps(
        {"vocals": f"{CDN}/x_vocals.mp3", "instrumental": f"{CDN}/x_instrumental.mp3"}
    ),
    "conversion_cost": "5.55",
    "conversion_duration": 136.83045351473922,
}
DENOISE = {
    "success": True,
    "conversion_type": "Denoise",
    "task_id": "2e7c373c-0000-4000-8000-000000000001",
    "conversion_id": "2e7c373c-0000-4000-8000-000000000002",
    "audio_path": "files/2e7c373c.wav",
    "no_noise": f"{CDN}/x_nonoise.mp3",
    "noise": f"{CDN}/x_noise.mp3",
    "noise_wav": "",
    "message": "de_noising conversion Completed",
    "conversion_duration": 136.82721088435375,
    "conversion_cost": "0.48",
}
DEECHO = {
    **{k: v for k, v in DENOISE.items() if k not in ("no_noise", "noise", "noise_wav")},
    "conversion_type": "Deecho",
    "no_echo": f"{CDN}/x_noecho.mp3",
    "echo": f"{CDN}/x_echo.mp3",
    "no_echo_wav": "",
    "message": "de_echo conversion Completed",
}
DEREVERB = {
    **{k: v for k, v in DENOISE.items() if k not in ("no_noise", "noise", "noise_wav")},
    "conversion_type": "Dereverb",
    "noreverb": f"{CDN}/x_reverb.mp3",
    "reverb": f"{CDN}/x_noreverb.mp3",
    "reverb_wav": "",
    "message": "de_reverb conversion Completed",
}
KEY_BPM = {
    "success": True,
    "task_id": "69ec90f0-a00a-48f8-bdb3-8728a635e057",
    "conversion_id": "8be8c439-dbc9-4ae6-8fe3-3fcb95f5a60a",
    "audio_path": f"{CDN}/files/153ea693.mp3",
    "conversion_duration": "0",
    "key_changes": {"0-120": ["A# major"], "120-140": ["D# major", "G minor"]},
    "dominant_key": "A# major",
    "bpm": 162,
    "conversion_type": "Key BPM Extraction",
}
TRANSCRIPTION = {
    "success": True,
    "conversion_type": "Audio Transcription",
    "task_id": "cade1dea-a9fb-49d3-a5b2-52f786ea5ad3",
    "conversion_id": "1c5a2543-5b99-499c-8bb4-28424497e60f",
    "transcription": "It's been a long day without you, my friend",
    "translation": None,
    "detected_language": "en",
    "word_timestamps": [{"word": "It's", "start": 0.0, "end": 0.2}],
}
MASTERING = {
    "success": True,
    "conversion_type": "Audio Mastering",
    "task_id": "0d12ef34-5678-4abc-9123-456def7890ab",
    "conversion_id": "de7b2225-9a75-4315-b761-6dcc4357a8de",
    "output_file": f"{CDN}/conversions/sample-mastered.mp3",
    "message": "Audio Mastering Completed",
}
CUTTER = {**MASTERING, "conversion_type": "Audio Cutter", "message": "Audio cutter completed"}
SPEED = {**MASTERING, "conversion_type": "Audio Speed Changer"}
MIDI = {
    "success": True,
    "conversion_type": "Audio To MIDI",
    "task_id": "cf34f4e0-3273-41e4-95e5-05dc745b9852",
    "conversion_id": "0b0b59e5-4c71-49ec-8ca5-5cd05142d5ab",
    "midi_file_path": "",
    "sonify_file_path": "",
    "notes_file_path": "",
    "message": "Audio To MIDI Completed",
}
FILE_CONVERSION = {
    "success": True,
    "conversion_id": "a1286a84-d886-47d9-a717-77af15894cb9",
    "output_file_path": f"{CDN}/FileConversions/standard/a1286a84.mp3",
    "conversion_type": "File Conversion",
    "task_id": "7024eac0-02e2-4811-96e3-7031f007f97f",
    "message": "File conversion completed",
}
SOUND = {
    "success": True,
    "conversion_type": "Sound Creator",
    "task_id": "0af8567f-6156-4bb2-9adc-99b0c8792700",
    "conversion_id": "9e6ac90d-c09e-4ea6-8c39-d9f4e39bbbc8",
    "conversion_duration": 2.089795918367347,
    "message": "Audio Generation Completed Successfully",
    "conversion_paths": {"9e6ac90d-c09e-4ea6-8c39-d9f4e39bbbc8": f"{CDN}/x_sound.mp3"},
    "conversion_durations": {"9e6ac90d-c09e-4ea6-8c39-d9f4e39bbbc8": 2.089795918367347},
}
GENERIC = {
    "task_id": "12345678-abcd-1234-efgh-567890abcdef",
    "status": "COMPLETED",
    "status_msg": "Conversion successful",
    "conversion_type": "MUSIC_AI",
    "audio_url": "https://cdn1.wav.com/audiofile.mp3",
    "title": "Generated Song",
    "conversion_cost": 1.25,
    "createdAt": "2025-01-01T12:00:00Z",
    "updatedAt": "2025-01-01T12:05:00Z",
}

SHAPES: list[tuple[str, dict[str, Any], type[WebhookEvent]]] = [
    ("music_ai", MUSIC_AI_TRACK, hooks.AudioEvent),
    ("lyrics_timestamped", LYRICS, hooks.LyricsTimestampsEvent),
    ("audio_streaming", STREAMING, hooks.StreamingEvent),
    ("album_cover", ALBUM_COVER, hooks.AlbumCoverEvent),
    ("remix", REMIX_TRACK, hooks.AudioEvent),
    ("text_to_speech", TEXT_TO_SPEECH, hooks.AudioEvent),
    ("voice_changer", VOICE_CHANGER, hooks.AudioEvent),
    ("cover", COVER, hooks.AudioEvent),
    ("image_generator", IMAGE, hooks.AudioEvent),
    ("extraction", EXTRACTION, hooks.StemsEvent),
    ("denoise", DENOISE, hooks.CleanupEvent),
    ("deecho", DEECHO, hooks.CleanupEvent),
    ("dereverb", DEREVERB, hooks.CleanupEvent),
    ("key_bpm", KEY_BPM, hooks.KeyBpmEvent),
    ("transcription", TRANSCRIPTION, hooks.TranscriptionEvent),
    ("mastering", MASTERING, hooks.FileEvent),
    ("cutter", CUTTER, hooks.FileEvent),
    ("speed_changer", SPEED, hooks.FileEvent),
    ("audio_to_midi", MIDI, hooks.MidiEvent),
    ("file_conversion", FILE_CONVERSION, hooks.FileEvent),
    ("sound_generator", SOUND, hooks.SoundEvent),
    ("generic", GENERIC, hooks.StatusEvent),
]


@pytest.mark.parametrize("encoding", ["bytes", "str", "dict"])
def test_every_documented_shape(encoding: str) -> None:
    for shape, body, event_class in SHAPES:
        raw: Any = {"bytes": json.dumps(body).encode(), "str": json.dumps(body), "dict": body}
        event = parse_webhook(raw[encoding])
        assert type(event) is event_class, shape
        assert event.task_id == body["task_id"], shape
        assert event.conversion_type == body["conversion_type"], shape
        assert event.conversion_id == body.get("conversion_id"), shape
        assert dict(event.body) == body, shape
        assert dict(event.extra) == {}, f"{shape}: every documented field has an attribute"


def test_song_track_fields() -> None:
    event = parse_webhook(MUSIC_AI_TRACK)
    assert isinstance(event, hooks.AudioEvent)
    assert event.subtype == "music_ai"
    assert (event.conversion_path, event.conversion_path_wav) == (
        MUSIC_AI_TRACK["conversion_path"],
        MUSIC_AI_TRACK["conversion_path_wav"],
    )
    assert (event.conversion_duration, event.is_flagged, event.reason) == (155.95, False, "")
    assert event.title == "Rhythm Take Control"
    assert event.lyrics_timestamped == LYRICS_TIMESTAMPED


def test_lyrics_lines_are_decoded() -> None:
    event = parse_webhook(LYRICS)
    assert isinstance(event, hooks.LyricsTimestampsEvent)
    assert [line["text"] for line in event.lines] == ["[Verse]", "Turn up the sound"]
    assert event.lines[0]["start"] == 9880
    broken = parse_webhook({**LYRICS, "lyrics_timestamped": "[{not json"})
    assert isinstance(broken, hooks.LyricsTimestampsEvent)
    assert broken.lines == []


def test_streaming_and_album_cover() -> None:
    stream = parse_webhook(STREAMING)
    assert isinstance(stream, hooks.StreamingEvent)
    assert stream.streaming_url == STREAMING["streaming_url"]
    cover = parse_webhook(ALBUM_COVER)
    assert isinstance(cover, hooks.AlbumCoverEvent)
    assert cover.image_paths == (f"{CDN}/img/{TASK}.jpg",)
    assert cover.thumbnail_path == ALBUM_COVER["thumbnail_path"]
    assert (cover.conversion_id_1, cover.conversion_id_2) == (
        ALBUM_COVER["conversion_id_1"],
        ALBUM_COVER["conversion_id_2"],
    )
    assert cover.conversion_id is None


@pytest.mark.parametrize(("body", "cost"), [(TEXT_TO_SPEECH, 0.68), (GENERIC, 1.25), (COVER, None)])
def test_cost_is_a_number_whether_sent_as_number_or_string(
    body: dict[str, Any], cost: float | None
) -> None:
    assert parse_webhook(body).conversion_cost == cost


def test_stems_are_decoded_from_the_json_string() -> None:
    event = parse_webhook(EXTRACTION)
    assert isinstance(event, hooks.StemsEvent)
    assert event.stems == json.loads(EXTRACTION["audio_url"])
    assert event.conversion_cost == 5.55
    as_object = parse_webhook({**EXTRACTION, "audio_url": {"bass": f"{CDN}/b.mp3"}})
    assert isinstance(as_object, hooks.StemsEvent)
    assert as_object.stems == {"bass": f"{CDN}/b.mp3"}


def test_cleanup_files_keep_the_vendor_names() -> None:
    for body, names in [
        (DENOISE, ("no_noise", "noise", "noise_wav")),
        (DEECHO, ("no_echo", "echo", "no_echo_wav")),
        (DEREVERB, ("noreverb", "reverb", "reverb_wav")),
    ]:
        event = parse_webhook(body)
        assert isinstance(event, hooks.CleanupEvent)
        assert event.files == {name: body[name] for name in names}
        assert event.audio_path == body["audio_path"]
        assert event.conversion_cost == 0.48


def test_key_bpm_and_transcription() -> None:
    key = parse_webhook(KEY_BPM)
    assert isinstance(key, hooks.KeyBpmEvent)
    assert (key.dominant_key, key.bpm, key.conversion_duration) == ("A# major", 162.0, 0.0)
    assert key.key_changes == {"0-120": ("A# major",), "120-140": ("D# major", "G minor")}
    text = parse_webhook(TRANSCRIPTION)
    assert isinstance(text, hooks.TranscriptionEvent)
    assert text.transcription == TRANSCRIPTION["transcription"]
    assert (text.translation, text.detected_language) == (None, "en")
    assert text.word_timestamps == ({"word": "It's", "start": 0.0, "end": 0.2},)


def test_output_files_midi_and_sounds() -> None:
    for body in (MASTERING, CUTTER, SPEED):
        event = parse_webhook(body)
        assert isinstance(event, hooks.FileEvent)
        assert event.output_file == body["output_file"]
    converted = parse_webhook(FILE_CONVERSION)
    assert isinstance(converted, hooks.FileEvent)
    assert converted.output_file == FILE_CONVERSION["output_file_path"]
    midi = parse_webhook(MIDI)
    assert isinstance(midi, hooks.MidiEvent)
    assert (midi.midi_file_path, midi.message) == ("", "Audio To MIDI Completed")
    sound = parse_webhook(SOUND)
    assert isinstance(sound, hooks.SoundEvent)
    assert sound.conversion_paths == SOUND["conversion_paths"]
    assert sound.conversion_durations == SOUND["conversion_durations"]


def test_generic_status_payload() -> None:
    event = parse_webhook(GENERIC)
    assert isinstance(event, hooks.StatusEvent)
    assert (event.status, event.status_msg) == ("COMPLETED", "Conversion successful")
    assert (event.created_at, event.updated_at) == (GENERIC["createdAt"], GENERIC["updatedAt"])
    assert event.audio_url == GENERIC["audio_url"]


def test_unknown_fields_and_values_never_raise() -> None:
    body = {
        **TEXT_TO_SPEECH,
        "conversion_type": "Holographic Choir",  # a feature this version does not know
        "conversion_cost": "about one dollar",  # not a number
        "conversion_duration": [1, 2],  # not a number either
        "success": "yes",
        "brand_new_field": {"nested": [1, 2, 3]},
    }
    event = parse_webhook(body)
    assert isinstance(event, hooks.AudioEvent)
    assert event.conversion_type == "Holographic Choir"
    assert (event.conversion_cost, event.conversion_duration, event.success) == (None, None, None)
    assert event.extra == {"brand_new_field": {"nested": [1, 2, 3]}}
    assert event.body["conversion_cost"] == "about one dollar"  # the raw value stays readable


def test_an_unknown_shape_is_a_plain_event() -> None:
    body = {"task_id": "t-1", "conversion_type": "Video Generator", "video_url": "https://x/v.mp4"}
    event = parse_webhook(body)
    assert type(event) is WebhookEvent
    assert event.extra == {"video_url": "https://x/v.mp4"}


def test_booleans_and_numbers_sent_as_strings() -> None:
    event = parse_webhook({**MUSIC_AI_TRACK, "is_flagged": "true", "conversion_duration": "12.5"})
    assert isinstance(event, hooks.AudioEvent)
    assert (event.is_flagged, event.conversion_duration) == (True, 12.5)
    infinite = parse_webhook({**TEXT_TO_SPEECH, "conversion_cost": "inf"})
    assert infinite.conversion_cost is None


@pytest.mark.parametrize(
    ("body", "match"),
    [
        (b"", "not JSON"),
        (b"<html>502 Bad Gateway</html>", "not JSON"),
        (b"\xff\xfe\x00garbage", "not JSON"),
        ('{"task_id": "t", ', "not JSON"),
        ("[1, 2, 3]", "a JSON list, not an object"),
        ('"COMPLETED"', "a JSON str, not an object"),
        ("null", "not an object"),
        ("{}", "no task_id"),
        ({"conversion_type": "Cover"}, "no task_id"),
        ({"task_id": 42, "conversion_type": "Cover"}, "no task_id"),
        ({"task_id": "  ", "conversion_type": "Cover"}, "no task_id"),
        ({"task_id": "t-1"}, "no conversion_type"),
        ({"task_id": "t-1", "conversion_id": "c-1"}, "no conversion_type"),
        ({"task_id": "t-1", "conversion_type": 7}, "no conversion_type"),
        ("[" * 100_000 + "]" * 100_000, "not JSON"),
    ],
)
def test_a_body_that_is_not_a_musicgpt_webhook(body: Any, match: str) -> None:
    with pytest.raises(InvalidWebhook, match=match) as caught:
        parse_webhook(body)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("body", [None, 42, ["task_id"], object()])
def test_a_value_of_the_wrong_python_type(body: Any) -> None:
    with pytest.raises(TypeError, match="bytes, str or a dict"):
        parse_webhook(body)


def test_events_are_immutable_and_compare_by_value() -> None:
    first, second = parse_webhook(COVER), parse_webhook(json.dumps(COVER))
    assert first == second
    with pytest.raises(AttributeError):
        first.task_id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        first.body["task_id"] = "other"  # type: ignore[index]


@pytest.mark.parametrize(
    ("body", "empty"),
    [
        ({**DENOISE, "no_noise": 5, "noise": None, "noise_wav": ["x"]}, "noise_wav"),
        ({**KEY_BPM, "key_changes": "A# major"}, "key_changes"),
        ({**SOUND, "conversion_paths": [1], "conversion_durations": "2.0"}, "conversion_paths"),
        ({**ALBUM_COVER, "image_paths": "one.jpg"}, "image_paths"),
        ({**TRANSCRIPTION, "word_timestamps": "none"}, "word_timestamps"),
    ],
)
def test_collections_of_the_wrong_type_read_as_empty(body: dict[str, Any], empty: str) -> None:
    event = parse_webhook(body)
    attribute = "files" if isinstance(event, hooks.CleanupEvent) else empty
    assert not getattr(event, attribute)
    assert event.body[empty] == body[empty]


def spec_webhooks() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(name, request schema, examples) of every webhook of the spec."""
    webhooks = []
    for name, item in sorted(SPEC["webhooks"].items()):
        content = item["post"]["requestBody"]["content"]["application/json"]
        examples = {key: example["value"] for key, example in content["examples"].items()}
        webhooks.append((name, content["schema"], examples))
    return webhooks


def schema_properties(schema: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        return schema_properties(SPEC["components"]["schemas"][schema["$ref"].split("/")[-1]])
    names = set(schema.get("properties", {}))
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, []):
            names |= schema_properties(part)
    return names


def read_fields(event_class: type[WebhookEvent]) -> set[str]:
    """The body fields an event class reads into its attributes."""
    names = {f.name for f in fields(event_class)} - {"body"}
    return names.union(*event_class.sources.values())


def test_every_webhook_example_of_the_spec_parses_into_a_known_event() -> None:
    for name, _, examples in spec_webhooks():
        assert examples, f"the spec gives an example of {name}"
        for example in examples.values():
            event = parse_webhook(json.dumps(example).encode())
            assert type(event) is not WebhookEvent, f"{name}: a shape parse_webhook knows"
            assert (event.task_id, event.conversion_type) == (
                example["task_id"],
                example["conversion_type"],
            )
            assert dict(event.extra) == {}, f"{name}: every field of the example is read"


def test_every_field_of_every_webhook_schema_has_an_attribute() -> None:
    """Per payload schema of the spec: the events its examples parse into (a song's schema
    covers several: track, streaming, album cover) read every property it documents."""
    read: dict[str, set[str]] = {}
    documented: dict[str, set[str]] = {}
    for _, schema, examples in spec_webhooks():
        key = json.dumps(schema, sort_keys=True)
        documented[key] = schema_properties(schema)
        for example in examples.values():
            read.setdefault(key, set()).update(read_fields(type(parse_webhook(example))))
    for key, names in documented.items():
        assert names <= read[key], f"{key}: {sorted(names - read[key])} have no attribute"


JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
KEYS = sorted({key for _, body, _ in SHAPES for key in body} | {"brand_new"})


@settings(max_examples=200, deadline=None)
@given(
    task_id=st.text(min_size=1).filter(str.strip),
    conversion_type=st.text(),
    fields_=st.dictionaries(st.sampled_from(KEYS), JSON, max_size=8),
)
def test_any_object_with_the_two_strings_parses(
    task_id: str, conversion_type: str, fields_: dict[str, Any]
) -> None:
    """Whatever the other fields hold (documented keys with values of any JSON type), the body
    parses, into an event that keeps it whole and reads every attribute as its type or None."""
    body = {**fields_, "task_id": task_id, "conversion_type": conversion_type}
    event = parse_webhook(json.dumps(body))
    assert (event.task_id, event.conversion_type) == (task_id, conversion_type)
    assert dict(event.body) == json.loads(json.dumps(body))
    assert event.conversion_cost is None or isinstance(event.conversion_cost, float)
    assert event.success is None or isinstance(event.success, bool)
    assert set(event.extra) <= set(body)


def test_an_event_repr_shows_the_fields_that_hold_a_value() -> None:
    event = parse_webhook(
        {"task_id": "t1", "conversion_type": "COVER", "conversion_path": "https://x/a.mp3"}
    )
    shown = repr(event)
    assert shown.startswith("AudioEvent(task_id='t1', conversion_type='COVER'")
    assert "conversion_path='https://x/a.mp3'" in shown
    assert "None" not in shown
    assert "body=" not in shown
