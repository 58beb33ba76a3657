"""schemathesis wired to the run: the target, the key, the seed, and the guarded session
through which every request (checks' own re-sends included) goes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import negative_data_rejection

from backbeat_contract.guard import BudgetSpent, QuotaSpent
from backbeat_contract.harness import Answer, Harness
from backbeat_contract.ledger import Verdict, Violation
from backbeat_contract.rules import filter_case
from backbeat_contract.spec import Operation

STATEFUL_STEPS = 6


def load_schema(h: Harness) -> BaseSchema:
    schema = schemathesis.openapi.from_path(h.settings.spec_path)
    security = h.spec.security
    schema.config.update(
        base_url=h.settings.base_url,
        headers={security.header: security.value(h.key("main"))},
        request_timeout=30,
    )
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


def stateful_settings(h: Harness) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=max(2, h.settings.max_examples // 5),
        stateful_step_count=STATEFUL_STEPS,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )


def exercise(h: Harness, case: Any) -> None:
    """Send one generated case through the guard and run every schemathesis check on it."""
    with skip_when_refused():
        response = case.call(session=h.session)
        validate(h, case, response)


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
    operation = h.spec.find(case.operation.method.upper(), case.operation.path)
    h.ledger.cases[_phase(case)] += 1
    h.ledger.judged += 1
    excluded = [negative_data_rejection] if operation and _is_form(operation) else []
    try:
        case.validate_response(
            response, excluded_checks=excluded, transport_kwargs={"session": h.session}
        )
    except FailureGroup as group:
        _record(h, operation, case, response.status_code, list(group.exceptions))
        raise
    except Failure as failure:
        _record(h, operation, case, response.status_code, [failure])
        raise
    if operation and response.status_code in operation.statuses:
        h.ledger.mark(operation.operation_id, response.status_code, Verdict.OBSERVED, "fuzzing")
        if h.ledger.wants_evidence(operation.operation_id, response.status_code):
            what = f"schemathesis, {_phase(case)} phase"
            headers = tuple((k, ", ".join(v)) for k, v in response.headers.items())
            answer = Answer(response.status_code, headers, response.content)
            h.witness(operation.operation_id, response.status_code, what, _curl(h, case), answer)


def _curl(h: Harness, case: Any) -> str:
    security = h.spec.security
    curl = case.as_curl_command(base_url=h.settings.base_url).replace(
        f"{security.header}: [Filtered]", f"{security.header}: {security.prefix}$API_KEY"
    )
    return h.settings.keys.redact(str(curl))


def _is_form(operation: Operation) -> bool:
    """Form fields travel as text: a value of the wrong type (`0` for a boolean, an object for
    a string) arrives as a valid string, so "invalid data accepted" would be a false alarm.
    The targeted 400/422 scenarios still check that forms reject what is really invalid."""
    return operation.request_media_type in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    )


def _record(
    h: Harness, operation: Operation | None, case: Any, status: int, failures: list[Failure]
) -> None:
    name = operation.operation_id if operation else case.operation.label
    curl = _curl(h, case)
    for failure in failures:
        reason = h.settings.keys.redact(f"{failure.title}: {failure.message}".splitlines()[0])
        point = f"schemathesis:{failure.title}"
        h.ledger.violate(Violation(name, status, point, reason[:300], curl))
