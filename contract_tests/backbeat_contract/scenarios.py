"""How to provoke each documented status: as the spec's `x-provoke` says, else as the spec lets
the suite derive, for real; else forced with `Prefer: code=N` where the server honours it; else
not at all, with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import hypothesis
import hypothesis.errors
from hypothesis import strategies
from jsonschema import Draft202012Validator

from backbeat_contract.calls import Call, invalid_tweak, missing_field_tweak
from backbeat_contract.harness import INVALID_KEY, Harness
from backbeat_contract.keys import env_name
from backbeat_contract.ledger import Verdict
from backbeat_contract.spec import DEFAULT, Node, Operation, Provocation, Status, Tweak

# Query parameters named like an id (`id`, `task_id`, `trackId`): a 404 is an unknown one.
ID_NAME = re.compile(r"(^|[_\-.])id$|[a-z0-9]Id$|ID$")
UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
UNKNOWN_UUID = "00000000-0000-0000-0000-000000000000"
UNKNOWN_ID = "contract-suite-unknown-id"
# Strings tried in turn for an unknown id, until one keeps the parameter's pattern and lengths.
UNKNOWN_STRINGS = (UNKNOWN_ID, "contractsuiteunknownid", "CONTRACTSUITEUNKNOWNID", "9876543210",
                   "zzzzzzzzzzzz", "ZZZZZZZZZZZZ", UNKNOWN_UUID)  # fmt: skip
UNKNOWN_NUMBER = 987_654_321
# A field to leave out of a body the valid request does not send (an optional body): the
# request would be the valid one, proving nothing.
UNCHANGED = "the valid request sends no such field (its body is optional), nothing to break"
FORMATS = Draft202012Validator.FORMAT_CHECKER


@dataclass(frozen=True)
class Step:
    """One request of a scenario, what it does in words, and how often it is sent (the last
    answer is the one judged)."""

    what: str
    call: Call
    times: int = 1
    # A heuristic guess at what provokes the status (the spec states no provocation and the
    # request is not one the suite has shown valid): another documented error status in
    # answer is observed, not a violation.
    heuristic: bool = False
    # The request names something the suite did not make (an unknown id, a made-up key) and
    # cannot prove the server lacks: a documented success in answer is observed. A server may
    # hold that id or take any key (a stateless mock does both).
    success_unproven: bool = False
    # The valid request of an operation that documents several successes: nothing says which
    # one it gets, so another documented success in answer is observed.
    any_success: bool = False


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    verdict: Verdict
    burst: bool = False
    # A burst's size: the documented plan limit of its key, when the spec gives one.
    limit: int | None = None


Builder = Callable[[Harness, Operation], "list[Step] | str"]


def plan(h: Harness, operation: Operation, status: Status) -> Plan | str:
    """A plan for provoking `status` on `operation`, or the reason it cannot be provoked."""
    if status == DEFAULT:
        return _default(h, operation)
    assert isinstance(status, int)
    real = _real(h, operation, status)
    return real if isinstance(real, Plan) else forced(h, operation, status, real)


def _default(h: Harness, operation: Operation) -> Plan | str:
    """The `default` answer: where the operation lists no success, what a valid request gets
    (a success, judged against the default answer's content and headers); else nothing
    provokes it on purpose, and fuzzing observes it when it answers a status not listed."""
    if operation.success_status is not None:
        return (
            "`default` stands for the statuses the operation does not list; no request "
            "provokes one on purpose (fuzzing reports any it meets)"
        )
    steps = _success(h, operation)
    return steps if isinstance(steps, str) else Plan(tuple(steps), Verdict.VERIFIED)


def forced(h: Harness, operation: Operation, status: int, why_not_real: str) -> Plan | str:
    """Force `status` with `Prefer: code=N` if the server honours it, else say why not."""
    if h.prefer_honoured:
        call = h.valid(operation, "scenario").with_headers(Prefer=f"code={status}")
        what = f"forced with Prefer: code={status} ({why_not_real})"
        return Plan((Step(what, call),), Verdict.OBSERVED)
    return f"{why_not_real}; the server does not honour Prefer: code=N"


def _real(h: Harness, operation: Operation, status: int) -> Plan | str:
    declared = operation.provocations(status)
    if declared is not None:
        return _declared(h, operation, declared)
    magic = _sandbox_magic(h, operation, status)
    if magic is not None:
        return magic
    if status == 429:
        return _burst(
            h, operation, Provocation(burst=True), "a burst past the announced limit", True
        )
    builder = BUILDERS.get(status, _success if 200 <= status < 300 else None)
    if builder is None:
        return f"nothing in the spec says how to provoke {status} (x-provoke can)"
    steps = builder(h, operation)
    if isinstance(steps, str):
        return steps
    return Plan(tuple(steps), Verdict.VERIFIED)


def _declared(h: Harness, operation: Operation, declared: tuple[Provocation, ...]) -> Plan | str:
    steps: list[Step] = []
    missing: list[str] = []
    for provocation in declared:
        if provocation.burst:
            return _burst(h, operation, provocation, provocation.describe())
        role = provocation.key
        if role not in (None, "none", "unknown") and not h.settings.keys.has(role):
            missing.append(f"no `{role}` key was given ($CONTRACT_{env_name(role)})")
            continue
        call = _provoking_call(h, operation, provocation)
        steps.append(Step(provocation.describe(), call, provocation.times))
    if not steps:
        return "; ".join(missing)
    return Plan(tuple(steps), Verdict.VERIFIED)


def _provoking_call(h: Harness, operation: Operation, provocation: Provocation) -> Call:
    role = provocation.key
    call = h.valid(operation, "scenario")
    if role == "none":
        call = call.with_key(None)
    elif role == "unknown":
        call = call.with_key(INVALID_KEY)
    elif role is not None:
        call = call.with_key(h.key(role))
    return call.tweaked(provocation.request) if provocation.request else call


def _sandbox_magic(h: Harness, operation: Operation, status: int) -> Plan | None:
    """The sandbox's magic ids (`--sandbox-magic`): its id for `status`, sent where the
    operation's 404 takes an unknown id."""
    magic = h.settings.magic_ids.get(status)
    unknown = _unknown_id_tweak(operation) if magic else None
    if magic is None or unknown is None or isinstance(unknown, str):
        return None
    tweak = {part: dict.fromkeys(values, magic) for part, values in unknown.items()}
    call = h.valid(operation, "scenario").tweaked(tweak)
    return Plan((Step(f"the sandbox's magic id {magic!r}", call),), Verdict.VERIFIED)


def _unknown_id_tweak(operation: Operation) -> dict[str, dict[str, object]] | str | None:
    """Where the operation's 404 takes an unknown id: its `x-provoke` request, else an id-like
    path or query parameter, given a value its schema allows (a reason when none fits)."""
    declared = operation.provocations(404) if 404 in operation.statuses else None
    for provocation in declared or ():
        if provocation.request and provocation.key is None:
            return {k: dict(v) for k, v in provocation.request.items() if isinstance(v, dict)}
    params = [*operation.path_parameters, *operation.query_parameters]
    for param in params:
        name = str(param.get("name"))
        if param.get("in") == "path" or ID_NAME.search(name):
            value = unknown_value(operation.spec.resolve(param.get("schema", {})), param)
            if value is None:
                return f"no unknown value keeps the constraints of the parameter {name}"
            return {str(param.get("in")): {name: value}}
    return None


def unknown_value(schema: Node, param: Node) -> object | None:
    """An id no server has made that the parameter's schema still allows (its bounds, pattern
    and lengths): a number at the far end of its range, a nil UUID, else the first string
    candidate that fits. None when nothing fits."""
    kind = schema.get("type")
    if kind in ("integer", "number"):
        high = schema.get("maximum")
        if isinstance(schema.get("exclusiveMaximum"), int | float):
            high = schema["exclusiveMaximum"] - 1
        low = schema.get("minimum", 0)
        if isinstance(schema.get("exclusiveMinimum"), int | float):
            low = schema["exclusiveMinimum"] + 1
        value = UNKNOWN_NUMBER if high is None else min(UNKNOWN_NUMBER, high)
        return value if value >= low else None
    if schema.get("format") == "uuid" or UUID.match(str(param.get("example", ""))):
        candidates: tuple[str, ...] = (UNKNOWN_UUID,)
    else:
        candidates = UNKNOWN_STRINGS
    validator = Draft202012Validator(dict(schema), format_checker=FORMATS)
    for candidate in candidates:
        fitted = _fit_length(candidate, schema)
        if validator.is_valid(fitted):
            return fitted
    pattern = schema.get("pattern")
    if kind != "string" or not isinstance(pattern, str):
        return None
    # A pattern none of the candidates fits: the simplest string it allows (hypothesis,
    # derandomized), which names no resource a server made as plausibly as any.
    try:
        return str(
            hypothesis.find(
                strategies.from_regex(pattern).filter(validator.is_valid),
                lambda _: True,
                settings=hypothesis.settings(database=None, derandomize=True, max_examples=200),
            )
        )
    except (hypothesis.errors.NoSuchExample, re.error):
        return None


def _fit_length(text: str, schema: Node) -> str:
    longest = schema.get("maxLength")
    text = text[: int(longest)] if isinstance(longest, int) else text
    shortest = int(schema.get("minLength", 0))
    return text + text[-1:] * (shortest - len(text)) if len(text) < shortest else text


def _success(h: Harness, operation: Operation) -> list[Step] | str:
    calls = h.valid_calls(operation, "scenario")
    if calls[0].unresolved:
        names = ", ".join(calls[0].unresolved)
        why = calls[0].unresolved_reason or "no link, list operation or producer answered one"
        return (
            f"no existing resource for the path parameter {names}: {why} "
            "(the spec's example is not assumed to exist)"
        )
    source = h.builder.template(operation).source
    what = f"a valid request ({source})" if source else "a valid request"
    several = sum(isinstance(s, int) and 200 <= s < 300 for s in operation.statuses) > 1
    if len(calls) == 1:
        return [Step(what, calls[0], any_success=several)]
    return [Step(f"{what}, {call.media_type}", call, any_success=several) for call in calls]


def _bad_request(h: Harness, operation: Operation) -> list[Step] | str:
    tweak = invalid_tweak(operation)
    if tweak is None:
        return "the spec documents no constraint to break"
    valid = h.valid(operation, "scenario")
    call = valid.tweaked(tweak)
    if call == valid:
        return f"{UNCHANGED}: {dict(tweak)}"
    return [Step(f"invalid parameters {dict(tweak)}", call, heuristic=True)]


def _unprocessable(h: Harness, operation: Operation) -> list[Step] | str:
    tweak = missing_field_tweak(operation)
    if tweak is not None:
        what = f"a required field left out {dict(tweak)}"
        valid = h.valid(operation, "scenario")
        if valid.tweaked(tweak) == valid:
            return f"{UNCHANGED}: {dict(tweak)}"
        return [Step(what, valid.tweaked(tweak), heuristic=True)]
    # An API that answers 422 and never 400 rejects invalid parameters with its 422.
    if 400 not in operation.statuses:
        return _bad_request(h, operation)
    return "the request body has no required field to leave out"


def _unknown_keys(h: Harness, operation: Operation) -> list[Step]:
    call = h.valid(operation, "scenario")
    return [
        Step("no key", call.with_key(None), heuristic=True),
        Step("an unknown key", call.with_key(INVALID_KEY), heuristic=True, success_unproven=True),
    ]


def _unauthorized(h: Harness, operation: Operation) -> list[Step] | str:
    if not operation.is_secured:
        return "the operation needs no key"
    return _unknown_keys(h, operation)


def _forbidden(h: Harness, operation: Operation) -> list[Step] | str:
    if operation.is_secured and 401 not in operation.statuses:
        return _unknown_keys(h, operation)
    return "needs a key without this permission: an `x-key-roles` role named by `x-provoke`"


def _payment_required(h: Harness, operation: Operation) -> list[Step] | str:
    return "needs a key with no credits: an `x-key-roles` role named by `x-provoke`"


def _not_found(h: Harness, operation: Operation) -> list[Step] | str:
    tweak = _unknown_id_tweak(operation)
    if tweak is None:
        return "no id in the path or query to make unknown (x-provoke can say how)"
    if isinstance(tweak, str):
        return tweak
    what = f"an unknown id {tweak}"
    # The unknown id keeps its parameter's constraints: the request is valid, so an answer with
    # another error status is a broken promise, not a guess gone wrong.
    call = h.valid(operation, "scenario").tweaked(_as_tweak(tweak))
    # Where the operation documents no success, nothing says what a valid request gets: the
    # error it draws instead of 404 is a guess gone wrong, as for a heuristic.
    succeeds = any(isinstance(s, int) and 200 <= s < 300 for s in operation.statuses)
    return [Step(what, call, heuristic=not succeeds, success_unproven=True)]


def _as_tweak(parts: dict[str, dict[str, object]]) -> Tweak:
    return dict(parts)


def _burst(
    h: Harness, operation: Operation, provocation: Provocation, what: str, derived: bool = False
) -> Plan | str:
    if h.settings.is_live:
        return "the live profile never bursts to provoke a 429"
    role = provocation.key if provocation.key and h.settings.keys.has(provocation.key) else None
    call = h.valid(operation, role or "scenario")
    if provocation.request:
        call = call.tweaked(provocation.request)
    limit = h.spec.plan_limit(operation, role) if role else None
    step = Step(what, call, heuristic=derived)
    return Plan((step,), Verdict.VERIFIED, burst=True, limit=limit)


BUILDERS: dict[int, Builder] = {
    400: _bad_request,
    401: _unauthorized,
    402: _payment_required,
    403: _forbidden,
    404: _not_found,
    422: _unprocessable,
}
