"""The run's shared state and the one way tests send a request and judge the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial

import pytest
import requests

from backbeat_contract import conformance
from backbeat_contract.calls import Call, curl, send, valid_call
from backbeat_contract.guard import BudgetSpent, CreditBudget, GuardedSession, QuotaSpent, Throttle
from backbeat_contract.ledger import Exchange, Ledger, Verdict, Violation
from backbeat_contract.settings import RunSettings
from backbeat_contract.spec import Operation, Spec

INVALID_KEY = "contract-suite-invalid-key"


@dataclass(frozen=True)
class Answer:
    """A response as evidence keeps it, whichever HTTP client received it."""

    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


@dataclass
class Harness:
    settings: RunSettings
    spec: Spec
    ledger: Ledger = field(default_factory=Ledger)
    # What the requests sent now count as in the report's cases per phase.
    phase: str = "scenarios"

    @cached_property
    def session(self) -> GuardedSession:
        profile = self.settings.profile
        budget = CreditBudget(self.settings.credit_budget if self.settings.is_live else None)
        pace = partial(Throttle, profile.rate_limit_header) if self.settings.is_live else None
        return GuardedSession(
            self.spec, self.settings.base_url, budget, pace, profile.credits_header
        )

    def send(self, call: Call) -> requests.Response:
        """Send `call`; a refusal by the budget or quota guard skips the calling test."""
        self.ledger.cases[self.phase] += 1
        try:
            return send(self.session, self.settings.base_url, call)
        except (BudgetSpent, QuotaSpent) as exc:
            pytest.skip(str(exc))
        except requests.RequestException as exc:
            pytest.fail(f"{call.operation.label}: request failed: {type(exc).__name__}")

    def curl(self, call: Call) -> str:
        shown = self.settings.keys.shown(call.key or "")
        return self.settings.keys.redact(curl(self.settings.base_url, call, shown))

    def violate(self, call: Call, status: int | None, point: str, reason: str) -> None:
        op = call.operation.operation_id
        reason = self.settings.keys.redact(reason)
        self.ledger.violate(Violation(op, status, point, reason, self.curl(call)))

    def expect(self, call: Call, expected: int, verdict: Verdict, what: str) -> requests.Response:
        """Send `call`, check the answer against the contract for `expected`, record it."""
        return self.judge(call, self.send(call), expected, verdict, what)

    def judge(
        self, call: Call, response: requests.Response, expected: int, verdict: Verdict, what: str
    ) -> requests.Response:
        remaining = self.settings.profile.remaining_header
        found = conformance.problems(call.operation, expected, response, remaining)
        self.ledger.judged += 1
        for point, reason in found:
            self.violate(call, expected, point, f"{what}: {reason}")
        if not found:
            self.ledger.mark(call.operation.operation_id, expected, verdict, what)
        problems = tuple(f"[{point}] {reason}" for point, reason in found)
        answer = Answer(response.status_code, tuple(response.headers.items()), response.content)
        self.witness(call.operation.operation_id, expected, what, self.curl(call), answer, problems)
        return response

    def witness(
        self,
        operation: str,
        status: int,
        what: str,
        curl: str,
        answer: Answer,
        problems: tuple[str, ...] = (),
    ) -> None:
        """Keep this exchange as evidence for the cell (a few per cell), keys redacted."""
        if not self.ledger.wants_evidence(operation, status):
            return
        redact = self.settings.keys.redact
        headers = tuple((k, redact(v)) for k, v in answer.headers)
        kind = next((v for k, v in answer.headers if k.lower() == "content-type"), "")
        body = redact(conformance.excerpt(kind, answer.content))
        exchange = Exchange(redact(what), curl, answer.status, headers, body, problems)
        self.ledger.witness(operation, status, exchange)

    def assert_clean(self, operation: Operation, status: int | None = None) -> None:
        found = [
            v
            for v in self.ledger.violations
            if v.operation == operation.operation_id and (status is None or v.status == status)
        ]
        assert not found, "; ".join(f"[{v.point}] {v.reason}" for v in found)

    @cached_property
    def prefer_honoured(self) -> bool:
        """Probe once whether the server honours `Prefer: code=N` for a documented N."""
        operation = self._probe_operation()
        if operation is None:
            self.ledger.note("Prefer: not probed (no free operation with a documented error)")
            return False
        status = max(s for s in operation.statuses if s >= 400)
        call = self.valid(operation, "main").with_headers(Prefer=f"code={status}")
        honoured = self.send(call).status_code == status
        verdict = "honours" if honoured else "does not honour"
        self.ledger.note(
            f"the server {verdict} `Prefer: code=N` (probed {operation.label}, {status})"
        )
        return honoured

    def _probe_operation(self) -> Operation | None:
        prerequisites = self.settings.profile.prerequisites
        free = [
            op
            for op in self.spec.operations
            if op.credit_cost == 0 and op.operation_id not in prerequisites
        ]
        return next((op for op in free if any(s >= 400 for s in op.statuses)), None)

    def valid(self, operation: Operation, role: str) -> Call:
        """A valid request for `operation` with a `role` key, prerequisites fulfilled."""
        return self._valid_with_key(operation, self.settings.keys.get(role))

    def valid_as(self, operation: Operation, role: str) -> Call:
        """A valid request (prerequisites met by a scenario key) sent with a `role` key."""
        return self.valid(operation, "scenario").with_key(self.key(role))

    def _valid_with_key(self, operation: Operation, key: str) -> Call:
        tweak = self.settings.profile.valid_requests.get(operation.operation_id)
        call = valid_call(operation, key, tweak)
        prerequisite = self.settings.profile.prerequisites.get(operation.operation_id)
        if prerequisite is None:
            return call
        source, field_name, parameter = prerequisite
        response = self.send(self._valid_with_key(self.spec.operation(source), key))
        value = _json_field(response, field_name) if response.status_code < 300 else None
        if value is None:
            pytest.skip(f"{source} answered {response.status_code}: no {field_name} for this call")
        return call.tweaked({"query": {parameter: value}})

    def key(self, role: str) -> str:
        return self.settings.keys.get(role)


def _json_field(response: requests.Response, name: str) -> object:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get(name) if isinstance(body, dict) else None
