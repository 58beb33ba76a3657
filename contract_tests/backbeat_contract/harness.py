"""The run's shared state and the one way tests send a request and judge the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial

import pytest
import requests

from backbeat_contract import conformance, links
from backbeat_contract.calls import Call, curl, send, valid_call
from backbeat_contract.guard import BudgetSpent, CreditBudget, GuardedSession, QuotaSpent, Throttle
from backbeat_contract.ledger import Exchange, Ledger, Verdict, Violation
from backbeat_contract.settings import RunSettings
from backbeat_contract.spec import Node, Operation, Spec

INVALID_KEY = "contract-suite-invalid-key"
# Links are followed back at most this far (a chain of prerequisites).
MAX_LINK_DEPTH = 3


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
        meters = self.spec.meter_headers
        budget = CreditBudget(self.settings.credit_budget if self.settings.is_live else None)
        pace = partial(Throttle, meters.get("limit")) if self.settings.is_live else None
        return GuardedSession(
            self.spec, self.settings.base_url, budget, pace, meters.get("credits")
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
        remaining = self.spec.meter_headers.get("remaining")
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
        free = [
            op
            for op in self.spec.operations
            if op.credit_cost == 0 and op.success_status and not self._prerequisite(op)
        ]
        return next((op for op in free if any(s >= 400 for s in op.statuses)), None)

    def valid(self, operation: Operation, role: str) -> Call:
        """A valid request for `operation` with a `role` key, prerequisites fulfilled."""
        return self._valid_with_key(operation, self.settings.keys.get(role))

    def valid_as(self, operation: Operation, role: str) -> Call:
        """A valid request (prerequisites met by a scenario key) sent with a `role` key."""
        return self.valid(operation, "scenario").with_key(self.key(role))

    def _prerequisite(self, operation: Operation) -> tuple[Operation, Node] | None:
        """The link that supplies a valid request's ids, if the request needs one: a link
        that fills the operation's parameters (ids in paths and queries name things the server
        made, which no example can know), or one that fills a body with no example."""
        for source, link in operation.links_in():
            if link.get("parameters") or (
                link.get("requestBody") is not None and not operation.request_examples()
            ):
                return source, link
        return None

    def _valid_with_key(self, operation: Operation, key: str, depth: int = 0) -> Call:
        call = valid_call(operation, key)
        prerequisite = self._prerequisite(operation) if depth < MAX_LINK_DEPTH else None
        if prerequisite is None:
            return call
        source, link = prerequisite
        response = self.send(self._valid_with_key(source, key, depth + 1))
        if response.status_code != source.success_status:
            pytest.skip(
                f"{source.operation_id} answered {response.status_code}: "
                f"no value for this call's link"
            )
        tweak = links.tweak(operation, link, response)
        if isinstance(tweak, str):
            pytest.skip(f"{source.operation_id}'s link: {tweak}")
        return call.tweaked(tweak)

    def key(self, role: str) -> str:
        return self.settings.keys.get(role)
