"""schemathesis wired to the run: the target, the key, the seed, and the guarded session
through which every request (checks' own re-sends included) goes.

The unit phases (examples, coverage, fuzzing) run on schemathesis' own engine, the one
`schemathesis run` executes, so the suite draws every case schemathesis alone would; the stateful
phase runs as a state machine (test_stateful)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode, engine
from schemathesis.config import ApiKeyAuthConfig, HttpBasicAuthConfig, HttpBearerAuthConfig
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.engine import StopReason, events
from schemathesis.engine import context as engine_context
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import negative_data_rejection

from backbeat_contract.calls import reproduce
from backbeat_contract.guard import BudgetSpent, QuotaSpent
from backbeat_contract.harness import Answer, Harness
from backbeat_contract.ledger import Verdict, Violation
from backbeat_contract.preflight import ServerGone
from backbeat_contract.rules import filter_case
from backbeat_contract.spec import DEFAULT, Operation, Status

STATEFUL_STEPS = 6
UNIT_PHASES = ("examples", "coverage", "fuzzing")
AuthSetting = ApiKeyAuthConfig | HttpBasicAuthConfig | HttpBearerAuthConfig


def load_schema(h: Harness) -> BaseSchema:
    # The document the suite read (backbeat_specs), not the file again: one reading of the spec.
    schema = schemathesis.openapi.from_dict(copy.deepcopy(dict(h.spec.document)))
    schema.location = h.settings.spec_path.absolute().as_uri()
    schema.config.update(base_url=h.settings.base_url, request_timeout=30)
    uniform = h.spec.uniform_scheme
    if uniform is not None and uniform.location == "header":
        # One header credential for every operation: a fixed header, as `schemathesis run -H`
        # sends it (generation never drops it).
        main = h.settings.auth.get(uniform.name, h.key("main"))
        schema.config.update(headers={uniform.parameter: uniform.value(main)})
    else:
        # schemathesis' OpenAPI-aware auth: each operation gets the credentials of its own
        # `security` alternative, in its header, query parameter or cookie.
        schema.config.auth.openapi.schemes = auth_schemes(h)
    schema.config.seed = h.settings.seed
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=h.settings.max_examples,
        database="none",
    )
    schema.config.phases.update(phases=list(h.settings.phases))
    schema.config.phases.stateful.max_steps = STATEFUL_STEPS
    schema.hook(filter_case)
    return schema


def auth_schemes(h: Harness) -> dict[str, AuthSetting]:
    """schemathesis' `[auth.openapi.<scheme>]` settings: each scheme's own `--auth` credential,
    else the main key."""
    main = h.key("main")
    schemes: dict[str, AuthSetting] = {}
    for name, scheme in h.spec.schemes.items():
        credential = h.settings.auth.get(name, main)
        if scheme is None:
            continue
        if scheme.basic:
            user, _, password = credential.partition(":")
            schemes[name] = HttpBasicAuthConfig(username=user, password=password)
        elif scheme.location == "header" and scheme.parameter == "Authorization" and scheme.prefix:
            schemes[name] = HttpBearerAuthConfig(bearer=credential)
        else:
            schemes[name] = ApiKeyAuthConfig(api_key=credential)
    return schemes


def stateful_settings(h: Harness) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=max(2, h.settings.max_examples // 5),
        stateful_step_count=STATEFUL_STEPS,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )


def run_engine(h: Harness) -> None:
    """The selected unit phases (examples, coverage, fuzzing) on schemathesis' own engine, with
    its probes, error feedback and data learnt from earlier answers. Every distinct failure is
    recorded; every answer that passed is evidence for its cell. The stateful phase is
    test_stateful's.

    The first pass is `schemathesis run` itself: an operation stops at its first failure, so each
    later draw is the one schemathesis alone makes, and the suite finds at least what it finds.
    The operations that failed then go through their whole budget in a second pass (as
    `--continue-on-failure`), for every distinct failure; the others would draw the same cases
    again."""
    phases = [phase for phase in h.settings.phases if phase in UNIT_PHASES]
    if not phases:
        pytest.skip("no unit phase (examples, coverage, fuzzing) is selected (--phases)")
    refused: list[str] = []
    with _through_guard(h):
        schema = load_schema(h)
        failed = _engine_pass(h, schema, phases, refused, continue_on_failure=False)
        if failed:
            stopped_early = schema.include(name=sorted(failed))
            _engine_pass(h, stopped_early, phases, refused, continue_on_failure=True)
    if refused:
        h.ledger.note(f"fuzzing: {len(refused)} operation(s) cut short: {refused[0]}")


def _engine_pass(
    h: Harness,
    schema: BaseSchema,
    phases: list[str],
    refused: list[str],
    *,
    continue_on_failure: bool,
) -> set[str]:
    """One run of the engine; the operations (labels) where a check failed."""
    failed: set[str] = set()
    schema.config.phases.update(phases=phases)
    schema.config.update(continue_on_failure=continue_on_failure)
    schema.config.checks.update(included_check_names=["all"])
    # A live run uses the key it was given: it never signs up an account of its own.
    schema.config.auth.auto_signup = not h.settings.is_live
    # An example database, as `schemathesis run` has one (in its working directory): what a
    # fuzzing run saves steers its shrinking and later draws. Each fuzzing run gets a fresh one,
    # as in a fresh directory; without any, the draws after a failure are not schemathesis'.
    schema.config.generation.update(database=":memory:")
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            failed |= _judge_scenario(h, event.recorder)
        elif isinstance(event, events.NonFatalError):
            refused.extend(_refusal(event.value))
        elif (
            isinstance(event, events.EngineFinished)
            and event.stop_reason is StopReason.SERVER_UNAVAILABLE
        ):
            raise ServerGone("the server stopped answering during schemathesis' run")
    return failed


@contextmanager
def _through_guard(h: Harness) -> Iterator[None]:
    """Every request of the suite goes through its one guarded session (budget, pace, no
    redirects); the engine builds its own session per worker, so it is handed the guarded one.
    tests/contract/test_live_profile.py proves the engine's paid calls meet the budget."""
    original = engine_context.make_session
    engine_context.make_session = lambda config, *, operation=None: h.session
    try:
        yield
    finally:
        engine_context.make_session = original


def _refusal(error: BaseException) -> list[str]:
    """The guard's refusal, when that is what stopped an operation (the engine reports it as
    an error of that operation)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, BudgetSpent | QuotaSpent):
            return [str(cause)]
        cause = cause.__cause__ or cause.__context__
    return []


def _judge_scenario(h: Harness, recorder: ScenarioRecorder) -> set[str]:
    """Every answer the engine checked: its failures recorded, or its cell observed. Returns the
    operations where a check failed, whether or not the suite counts that check there."""
    failed: set[str] = set()
    for case_id, node in recorder.cases.items():
        interaction = recorder.interactions.get(case_id)
        if interaction is None or interaction.response is None:
            continue
        case, response = node.value, interaction.response
        operation = _counted(h, case)
        excluded = {negative_data_rejection.__name__} if _fields_as_text(operation, case) else set()
        found = [
            (check.name, check.failure_info.failure)
            for check in recorder.checks.get(case_id, ())
            if check.failure_info is not None
        ]
        if found:
            failed.add(case.operation.label)
        failures = [failure for name, failure in found if name not in excluded]
        if failures:
            _record(h, operation, case, response, failures)
        elif operation:
            _observe(h, operation, case, response)
    return failed


def _phase(case: Any) -> str:
    meta = case.meta
    return str(meta.phase.name.value) if meta is not None else "fuzzing"


@contextmanager
def skip_when_refused() -> Iterator[None]:
    """A call the guard refused ends the test as skipped, with the guard's reason."""
    try:
        yield
    except (BudgetSpent, QuotaSpent) as refusal:
        pytest.skip(str(refusal))


def validate(h: Harness, case: Any, response: Any) -> None:
    """Run every schemathesis check on one answer of the state machine."""
    operation = _counted(h, case)
    excluded = [negative_data_rejection] if _fields_as_text(operation, case) else []
    try:
        case.validate_response(
            response, excluded_checks=excluded, transport_kwargs={"session": h.session}
        )
    except FailureGroup as group:
        _record(h, operation, case, response, list(group.exceptions))
        return
    except Failure as failure:
        _record(h, operation, case, response, [failure])
        return
    if operation:
        _observe(h, operation, case, response)


def _counted(h: Harness, case: Any) -> Operation | None:
    """Count one judged answer; the operation it belongs to."""
    h.ledger.cases[_phase(case)] += 1
    h.ledger.judged += 1
    return h.spec.find(case.operation.method.upper(), case.operation.path)


def _observe(h: Harness, operation: Operation, case: Any, response: Any) -> None:
    """An answer that passed every check is evidence for its cell."""
    cell = _cell(operation, response.status_code)
    if cell is None:
        return
    h.ledger.mark(operation.operation_id, cell, Verdict.OBSERVED, "fuzzing")
    if h.ledger.wants_evidence(operation.operation_id, cell):
        what = f"schemathesis, {_phase(case)} phase"
        headers = tuple((k, ", ".join(v)) for k, v in response.headers.items())
        answer = Answer(response.status_code, headers, response.content)
        h.witness(operation.operation_id, cell, what, _curl(h, response), answer)


def _cell(operation: Operation, status: int) -> Status | None:
    """The cell an answer belongs to: its status where documented, else `default` if the
    operation has one."""
    if status in operation.statuses:
        return status
    return DEFAULT if DEFAULT in operation.cells else None


def _curl(h: Harness, response: Any) -> str:
    """A reproducer of the request as sent, keys as shell variables."""
    request = getattr(response, "request", None)
    if request is None:
        return "(no request recorded)"
    return h.settings.keys.redact(reproduce(request, h.settings.keys.shown_all()))


def _fields_as_text(operation: Operation | None, case: Any) -> bool:
    return operation is not None and _is_form(operation) and isinstance(case.body, dict)


def _is_form(operation: Operation) -> bool:
    """Form fields travel as text: a field of the wrong type (`0` for a boolean, an object for
    a string) arrives as a valid string, so "invalid data accepted" would be a false alarm.
    A body that is no object of fields at all (an array, a bare value) is still judged: no
    encoding makes it a valid form. The targeted 400/422 scenarios check that forms reject
    what is really invalid."""
    return operation.request_media_type in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    )


def _record(
    h: Harness, operation: Operation | None, case: Any, response: Any, failures: list[Failure]
) -> None:
    """Every distinct failure (operation, check, status) once, with a reproducer; fuzzing goes
    on through its whole budget rather than stopping at the first."""
    name = operation.operation_id if operation else case.operation.label
    status = response.status_code
    for failure in failures:
        point = f"schemathesis:{failure.title}"
        if (name, point, status) in h.fuzz_failures:
            continue
        h.fuzz_failures.add((name, point, status))
        reason = h.settings.keys.redact(f"{failure.title}: {failure.message}".splitlines()[0])
        h.ledger.violate(Violation(name, status, point, reason[:300], _curl(h, response)))
