"""The run's shared state and the one way tests send a request and judge the answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

import pytest
import requests

from backbeat_contract import conformance, links
from backbeat_contract.calls import Call, curl, send
from backbeat_contract.guard import BudgetSpent, CreditBudget, GuardedSession, QuotaSpent, Throttle
from backbeat_contract.keys import OWN_ROLES
from backbeat_contract.ledger import Exchange, Ledger, Verdict, Violation
from backbeat_contract.settings import RunSettings
from backbeat_contract.spec import Node, Operation, Spec, Status, Tweak
from backbeat_contract.valid import Builder, Invalid


@dataclass(frozen=True)
class Answer:
    """A response as evidence keeps it, whichever HTTP client received it."""

    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


INVALID_KEY = "contract-suite-invalid-key"
# Links are followed back at most this far (a chain of prerequisites).
MAX_LINK_DEPTH = 3


def _fills_only_path(operation: Operation, link: Node) -> bool:
    """Whether a link supplies path parameters and nothing else."""
    in_path = {str(p.get("name")) for p in operation.path_parameters}
    names = [str(name) for name in link.get("parameters", {})]
    return (
        bool(names)
        and "requestBody" not in link
        and all(n.startswith("path.") or n in in_path for n in names)
    )


@dataclass
class Harness:
    settings: RunSettings
    spec: Spec
    ledger: Ledger = field(default_factory=Ledger)
    # What the requests sent now count as in the report's cases per phase.
    phase: str = "scenarios"
    # Distinct fuzzing failures reported so far: (operation, check, status).
    fuzz_failures: set[tuple[str, str, int]] = field(default_factory=set)

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
        keys = self.settings.keys
        given = (call.key, *call.credentials.values())
        # Keys the run was given, as their variables (a key made up to be refused is no secret).
        shown = {k: keys.shown(k) for k in given if k and keys.shown(k) != k}
        return keys.redact(curl(self.settings.base_url, call, shown))

    def violate(self, call: Call, status: Status | None, point: str, reason: str) -> None:
        op = call.operation.operation_id
        reason = self.settings.keys.redact(reason)
        self.ledger.violate(Violation(op, status, point, reason, self.curl(call)))

    def expect(
        self,
        call: Call,
        expected: Status,
        verdict: Verdict,
        what: str,
        heuristic: bool = False,
        success_unproven: bool = False,
        any_success: bool = False,
    ) -> requests.Response:
        """Send `call`, check the answer against the contract for `expected`, record it.

        A guess gone wrong proves nothing, so two answers are judged as the status they are and
        recorded as observed: another error status the operation documents, in answer to a
        `heuristic` provocation; a documented success, in answer to a request whose failure the
        suite cannot prove (`success_unproven`: an id or key it did not make); another
        documented success, in answer to a valid request of an operation with several
        (`any_success`: the spec does not say which one a valid request gets)."""
        response = self.send(call)
        drawn = response.status_code
        operation = call.operation
        documented = drawn != expected and drawn in operation.statuses
        guessed_wrong = heuristic and 400 <= drawn < 500
        unproven = success_unproven and 200 <= drawn < 300
        either = any_success and 200 <= drawn < 300
        if documented and (guessed_wrong or unproven or either):
            kind = (
                "a heuristic provocation"
                if guessed_wrong
                else "it cannot be proven absent"
                if unproven
                else "the spec does not say which success a valid request gets"
            )
            note = (
                f"observed {drawn}: {what} drew {drawn}, another status the operation documents "
                f"({kind}, not proof that {expected} is broken)"
            )
            self.ledger.mark(operation.operation_id, expected, Verdict.NOT_PROVOKABLE, note)
            return self.judge(
                call, response, drawn, Verdict.OBSERVED, f"{what} (aimed at {expected})"
            )
        return self.judge(call, response, expected, verdict, what)

    def judge(
        self, call: Call, response: requests.Response, expected: Status, verdict: Verdict, what: str
    ) -> requests.Response:
        found = conformance.problems(call.operation, expected, response, self.builder.case(call))
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
        status: Status,
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

    def assert_clean(self, operation: Operation, status: Status | None = None) -> None:
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

    @cached_property
    def builder(self) -> Builder:
        return Builder(self.spec)

    def valid(self, operation: Operation, role: str) -> Call:
        """A valid request for `operation` with a `role` key, prerequisites fulfilled. A request
        the suite cannot make valid skips the calling test with the reason."""
        return self.valid_calls(operation, role)[0]

    def valid_calls(self, operation: Operation, role: str) -> list[Call]:
        """The valid request once per media type the operation accepts."""
        key = self.settings.keys.get(role)
        credentials = self.settings.auth if role in OWN_ROLES else {}
        return self._valid_with_key(operation, key, credentials)

    def probe_call(self, operation: Operation) -> Call:
        """A request with the run's own credentials and nothing else (the preflight's, sent
        before pytest collects: nothing is generated yet). Any answer but a 401 will do."""
        key = self.key("main") if operation.is_secured else None
        return Call(operation, key, credentials=self.settings.auth)

    def valid_as(self, operation: Operation, role: str) -> Call:
        """A valid request (prerequisites met by a scenario key) sent with a `role` key."""
        return self.valid(operation, "scenario").with_key(self.key(role))

    @cached_property
    def _inferred(self) -> list[tuple[Operation, Operation, Node]]:
        return links.inferred(self.spec)

    def _prerequisite(self, operation: Operation) -> tuple[Operation, Node] | None:
        """The link that supplies a valid request's ids, if the request needs one: a link
        that fills the operation's parameters (ids in paths and queries name things the server
        made, which no example can know), or one that fills a body with no example. Else, for
        path parameters, a link schemathesis infers: a read-only producer first, one that
        creates the resource only where the profile may spend (never live)."""
        for source, link in operation.links_in():
            if link.get("parameters") or (
                link.get("requestBody") is not None and not operation.request_examples()
            ):
                return source, link
        if not operation.path_parameters:
            return None
        inferred = [
            (s, link) for s, t, link in self._inferred if t is operation and s is not operation
        ]
        safe = [(s, link) for s, link in inferred if s.method == "GET"]
        spending = [] if self.settings.is_live else [i for i in inferred if i not in safe]
        return next(iter(safe + spending), None)

    def _valid_with_key(
        self, operation: Operation, key: str, credentials: Mapping[str, str], depth: int = 0
    ) -> list[Call]:
        try:
            calls = self.builder.calls(operation, key, credentials)
        except Invalid as reason:
            pytest.skip(f"no valid request: {reason}")
        prerequisite = self._prerequisite(operation) if depth < MAX_LINK_DEPTH else None
        if prerequisite is None:
            return calls
        source, link = prerequisite
        response = self.send(self._valid_with_key(source, key, credentials, depth + 1)[0])
        tweak: Tweak | str = f"{source.operation_id} answered {response.status_code}"
        if response.status_code == source.success_status:
            tweak = links.tweak(operation, link, response)
        if isinstance(tweak, str) and 200 <= response.status_code < 300:
            tweak = links.from_location(operation, response) or tweak
        if isinstance(tweak, str):
            failure = f"{source.operation_id}'s link gave no value: {tweak}"
            if _fills_only_path(operation, link):
                # The id names no resource known to exist: what needs one says so (the
                # success); what replaces it (an unknown id, a bad key) goes on.
                return [replace(c, unresolved_reason=failure) for c in calls]
            pytest.skip(failure)
        resolved = set(tweak.get("path", {}))
        linked = [
            replace(
                c.tweaked(tweak), unresolved=tuple(n for n in c.unresolved if n not in resolved)
            )
            for c in calls
        ]
        # A value an answer supplied may still break the parameter's schema: then the request
        # is no valid one, and is not sent as one.
        problem = self.builder.problem(linked[0])
        if problem is None:
            return linked
        failure = f"the value {source.operation_id}'s link gave {problem}"
        if _fills_only_path(operation, link):
            return [replace(c, unresolved=c.unresolved or tuple(resolved),
                            unresolved_reason=failure) for c in calls]  # fmt: skip
        pytest.skip(failure)

    def key(self, role: str) -> str:
        return self.settings.keys.get(role)
