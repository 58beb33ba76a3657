"""How to provoke each documented status: for real where the target allows it, else forced
with `Prefer: code=N` where the server honours it, else not at all (with the reason)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backbeat_contract.calls import Call, invalid_tweak, missing_field_tweak
from backbeat_contract.harness import INVALID_KEY, Harness
from backbeat_contract.ledger import Verdict
from backbeat_contract.spec import Operation

# One step of a scenario: what it does, in words, and the request.
Step = tuple[str, Call]


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    verdict: Verdict
    burst: bool = False


Builder = Callable[[Harness, Operation], "list[Step] | str"]


def plan(h: Harness, operation: Operation, status: int) -> Plan | str:
    """A plan for provoking `status` on `operation`, or the reason it cannot be provoked."""
    real = _real(h, operation, status)
    return real if isinstance(real, Plan) else forced(h, operation, status, real)


def forced(h: Harness, operation: Operation, status: int, why_not_real: str) -> Plan | str:
    """Force `status` with `Prefer: code=N` if the server honours it, else say why not."""
    if h.prefer_honoured:
        call = h.valid(operation, "scenario").with_headers(Prefer=f"code={status}")
        what = f"forced with Prefer: code={status} ({why_not_real})"
        return Plan(((what, call),), Verdict.OBSERVED)
    return f"{why_not_real}; the server does not honour Prefer: code=N"


def _real(h: Harness, operation: Operation, status: int) -> Plan | str:
    tweak = h.settings.profile.triggers.get((operation.operation_id, status))
    if tweak is None and h.settings.sandbox_magic:
        tweak = h.settings.profile.sandbox.triggers.get((operation.operation_id, status))
    if tweak is not None:
        call = h.valid(operation, "scenario").tweaked(tweak)
        return Plan(((f"documented trigger {dict(tweak)}", call),), Verdict.VERIFIED)
    if status == 429:
        return _burst(h, operation)
    builder = BUILDERS.get(status, _success if 200 <= status < 300 else None)
    if builder is None:
        return f"no way to provoke {status} for real"
    steps = builder(h, operation)
    if isinstance(steps, str):
        return steps
    return Plan(tuple(steps), Verdict.VERIFIED)


def _success(h: Harness, operation: Operation) -> list[Step] | str:
    return [("a valid request", h.valid(operation, "scenario"))]


def _bad_request(h: Harness, operation: Operation) -> list[Step] | str:
    tweak = invalid_tweak(operation)
    if tweak is None:
        return "the spec documents no constraint to break"
    return [(f"invalid parameters {dict(tweak)}", h.valid(operation, "scenario").tweaked(tweak))]


def _unprocessable(h: Harness, operation: Operation) -> list[Step] | str:
    tweak = missing_field_tweak(operation)
    if tweak is None:
        return "the request body has no required field to leave out"
    return [
        (f"a required field left out {dict(tweak)}", h.valid(operation, "scenario").tweaked(tweak))
    ]


def _unknown_keys(h: Harness, operation: Operation) -> list[Step]:
    steps = [("an unknown key", h.valid(operation, "scenario").with_key(INVALID_KEY))]
    if h.settings.keys.has("revoked"):
        steps.append(("a revoked key", h.valid_as(operation, "revoked")))
    return steps


def _unauthorized(h: Harness, operation: Operation) -> list[Step] | str:
    if not operation.is_secured:
        return "the operation needs no key"
    steps = [("no key", h.valid(operation, "scenario").with_key(None))]
    if h.settings.profile.invalid_key_status == 401:
        steps += _unknown_keys(h, operation)
    return steps


def _forbidden(h: Harness, operation: Operation) -> list[Step] | str:
    steps = []
    if h.settings.profile.invalid_key_status == 403 and operation.is_secured:
        steps += _unknown_keys(h, operation)
    forbidden_here = operation.operation_id in h.settings.profile.forbidden_key_operations
    if forbidden_here and h.settings.keys.has("forbidden"):
        steps.append(("a key without this permission", h.valid_as(operation, "forbidden")))
    return steps or "no key lacking a permission for this operation was given"


def _payment_required(h: Harness, operation: Operation) -> list[Step] | str:
    if not operation.credit_cost:
        return "the operation is free"
    if not h.settings.keys.has("exhausted"):
        return "no exhausted key was given (--exhausted-key)"
    return [("a key with no credits", h.valid_as(operation, "exhausted"))]


def _burst(h: Harness, operation: Operation) -> Plan | str:
    if h.settings.is_live:
        return "the live profile never bursts to provoke a 429"
    profile = h.settings.profile
    if not profile.rate_limit_header and operation.operation_id not in profile.burst_limits:
        return "no rate limit is announced or documented for this operation"
    role = "low_limit" if h.settings.keys.has("low_limit") else "scenario"
    call = h.valid(operation, role)
    return Plan((("a burst past the per-minute limit", call),), Verdict.VERIFIED, burst=True)


BUILDERS: dict[int, Builder] = {
    400: _bad_request,
    401: _unauthorized,
    402: _payment_required,
    403: _forbidden,
    422: _unprocessable,
}
