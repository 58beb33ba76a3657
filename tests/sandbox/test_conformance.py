"""Every response the sandbox gives validates against its spec (schemathesis in-process, ASGI).

Examples, coverage and fuzzing phases in positive and negative mode, plus the stateful phase
over the specs' links, with every schemathesis check. The keys are the load keys (limits never
bite) and the clock is fixed, so a repeated example gets the same answer: hypothesis sees no
hidden counters.
"""

from __future__ import annotations

import backbeat_contract.hooks  # noqa: F401 - keeps positive cases within the specs' x- rules
import backbeat_specs
import hypothesis
import pytest
import schemathesis
from backbeat_sandbox import create_app
from schemathesis import GenerationMode

from tests.sandbox.conftest import ROOT, FakeClock
from tests.sandbox.musicgpt_spec import SPEC

MAX_EXAMPLES = 40
ALL_PHASES = ("examples", "coverage", "fuzzing", "stateful")
POSITIVE_AND_NEGATIVE = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# schemathesis 4.32.5's negative cases for the form operations of musicgpt.openapi.yaml can
# arrive valid on the wire: a boolean mutated to the integer 0 is sent as the form value "0",
# which the spec's "Form encoding" rule accepts, and a mutated `format: binary` part is sent as a
# file part again. schemathesis then reports "schema-violating request accepted". Those
# operations (every one with a form body, read from the spec) get positive data only;
# test_musicgpt.py and test_musicgpt_operations.py cover their invalid input (422 without a
# recording, 400 on bad values).
FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
MUSICGPT_SPEC = SPEC
MULTIPART = {
    "operation_id": sorted(
        operation["operationId"]
        for item in MUSICGPT_SPEC["paths"].values()
        for operation in item.values()
        if FORM_TYPES & set(operation.get("requestBody", {}).get("content", {}))
    )
}
SETTINGS = hypothesis.settings(
    deadline=None, database=None, suppress_health_check=list(hypothesis.HealthCheck)
)
STATEFUL_SETTINGS = hypothesis.settings(
    SETTINGS, max_examples=10, stateful_step_count=5, derandomize=True
)


def _schema(
    spec_file: str,
    authorization: str,
    phases: tuple[str, ...] = ALL_PHASES,
    modes: tuple[GenerationMode, ...] = POSITIVE_AND_NEGATIVE,
) -> schemathesis.schemas.BaseSchema:
    schema = schemathesis.openapi.from_dict(backbeat_specs.read_document(ROOT / spec_file))
    schema.config.update(headers={"Authorization": authorization})
    schema.config.phases.update(phases=list(phases))
    schema.config.seed = 1
    schema.config.generation.update(
        modes=list(modes),
        max_examples=MAX_EXAMPLES,
        database="none",
    )
    schema.app = create_app(clock=FakeClock())
    return schema


trackyard = _schema("openapi.yaml", "Bearer ty_test_load")
musicgpt = _schema("musicgpt.openapi.yaml", "mg_test_load").exclude(**MULTIPART)
musicgpt_multipart = _schema(
    "musicgpt.openapi.yaml",
    "mg_test_load",
    modes=(GenerationMode.POSITIVE,),
).include(**MULTIPART)


@pytest.mark.slow
@trackyard.parametrize()
@SETTINGS
def test_trackyard_responses_match_the_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()


@pytest.mark.slow
@musicgpt.parametrize()
@SETTINGS
def test_musicgpt_responses_match_the_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()


@pytest.mark.slow
@musicgpt_multipart.parametrize()
@SETTINGS
def test_musicgpt_multipart_responses_match_the_spec(case: schemathesis.Case) -> None:
    # Even in positive-only mode the fuzzing phase emits the odd case labelled negative.
    hypothesis.assume(case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE)
    case.call_and_validate()


@pytest.mark.slow
@pytest.mark.parametrize("schema", [trackyard, musicgpt], ids=["trackyard", "musicgpt"])
def test_stateful_sequences_match_the_spec(schema: schemathesis.schemas.BaseSchema) -> None:
    schema.as_state_machine().run(settings=STATEFUL_SETTINGS)
