"""The extension rules JSON Schema cannot state, judged once for every layer
(`backbeat_specs.rules`): `x-less-than` and `x-requires-one-of`."""

from __future__ import annotations

from typing import Any

from backbeat_specs.rules import missing_one_of, out_of_order
from hypothesis import given
from hypothesis import strategies as st

from tests.spec import spec_checks

TRACKYARD = spec_checks.spec("openapi.yaml")
MUSICGPT = spec_checks.spec("musicgpt.openapi.yaml")
DOWNLOAD = {"$ref": "#/components/schemas/DownloadTrackRequest"}
NUMBERS = st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False))
NOT_NUMBERS = st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.integers()))


@given(hit=NUMBERS, duration=NUMBERS)
def test_a_value_must_be_strictly_below_its_x_less_than_sibling(
    hit: float, duration: float
) -> None:
    body = {"track_id": "t", "hit_point_seconds": hit, "duration_seconds": duration}
    problem = out_of_order(TRACKYARD, DOWNLOAD, body)
    if hit < duration:
        assert problem is None
    else:
        assert problem == "hit_point_seconds must be less than duration_seconds"


@given(hit=st.one_of(NUMBERS, NOT_NUMBERS), other=NOT_NUMBERS)
def test_only_two_numbers_can_break_x_less_than(hit: Any, other: Any) -> None:
    # A missing sibling or a value of the wrong type is the schema's business, not this rule's.
    assert (
        out_of_order(TRACKYARD, DOWNLOAD, {"hit_point_seconds": hit, "duration_seconds": other})
        is None
    )
    assert out_of_order(TRACKYARD, DOWNLOAD, {"hit_point_seconds": hit}) is None
    assert out_of_order(TRACKYARD, DOWNLOAD, [hit, other]) is None


def test_x_less_than_is_kept_in_nested_objects() -> None:
    schema = {"type": "object", "properties": {"inner": DOWNLOAD}}
    assert out_of_order(
        TRACKYARD, schema, {"inner": {"hit_point_seconds": 9, "duration_seconds": 9}}
    )


NAMES = st.sampled_from(["task_id", "conversion_id"])
VALUES = st.one_of(st.none(), st.just(""), st.text(min_size=1, max_size=5))


@given(query=st.dictionaries(NAMES, VALUES), headers=st.dictionaries(NAMES, VALUES),
       body=st.one_of(st.dictionaries(NAMES, VALUES), st.lists(st.text()), st.none()))  # fmt: skip
def test_x_requires_one_of_wants_one_non_empty_name_anywhere(
    query: dict[str, Any], headers: dict[str, Any], body: Any
) -> None:
    lookup = MUSICGPT.operation("getConversion")
    sources = [query, headers, body if isinstance(body, dict) else {}]
    given_one = any(source.get(name) not in (None, "") for source in sources for name in source)
    problem = missing_one_of(lookup, query, headers, body)
    assert (problem is None) is given_one
    if problem is not None:
        assert problem == "Invalid request parameters: give task_id or conversion_id"


def test_an_operation_without_x_requires_one_of_wants_nothing() -> None:
    assert missing_one_of(MUSICGPT.operation("listVoices"), {}, {}) is None
