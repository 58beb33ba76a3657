"""schemathesis wired to the run: the target, the key, the seed, and the guarded session
through which every request (checks' own re-sends included) goes."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.config import ApiKeyAuthConfig, HttpBasicAuthConfig, HttpBearerAuthConfig
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import negative_data_rejection

from backbeat_contract.calls import reproduce
from backbeat_contract.guard import BudgetSpent, QuotaSpent
from backbeat_contract.harness import Answer, Harness
from backbeat_contract.ledger import Verdict, Violation
from backbeat_contract.rules import filter_case
from backbeat_contract.spec import DEFAULT, Operation, Status

STATEFUL_STEPS = 6
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
    fields_as_text = operation and _is_form(operation) and isinstance(case.body, dict)
    excluded = [negative_data_rejection] if fields_as_text else []
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
    cell = _cell(operation, response.status_code) if operation else None
    if operation and cell is not None:
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
