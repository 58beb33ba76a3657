"""Whether a run can judge anything: before it starts (is the target reachable, does it take the
key?) and while it runs (did the server stop answering?).

A run against a server that does not answer would otherwise end as "0 violations, N not run":
a clean-looking report of nothing. Here it ends with one line and its own exit code instead,
and a server that dies mid-run is a run error every report shows at its top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import requests

from backbeat_contract.calls import send
from backbeat_contract.security import choose

if TYPE_CHECKING:
    from backbeat_contract.harness import Harness
    from backbeat_contract.spec import Operation

# Exit statuses of their own (pytest uses 0-5): documented in `--help` and the README.
EXIT_UNUSABLE = 6
"""The preflight found the target unusable: nothing answers, or the key is refused."""
EXIT_RUN_ERROR = 7
"""The server stopped answering mid-run and no violation was found before it did."""
PREFLIGHT_SECONDS = 10
# This many tests in a row that could not reach the server end the run: the rest would only
# pile up connection errors.
STOP_AFTER = 3


class ServerGone(requests.ConnectionError):
    """schemathesis' engine found the server gone (it stops its run when it does)."""


class Unusable(Exception):
    """The target cannot be judged; the message is the one line the user sees."""


def check(harness: Harness) -> None:
    """One request before the run: a free GET that needs no id (the key's own check where the
    spec secures one), else the base URL itself. Raises `Unusable` when nothing answers or a
    secured operation answers 401 to the run's key."""
    base_url = harness.settings.base_url
    operation = _probe(harness)
    try:
        if operation is None:
            harness.session.get(base_url, timeout=PREFLIGHT_SECONDS)
            return
        response = send(harness.session, base_url, harness.probe_call(operation))
    except requests.Timeout:
        raise Unusable(
            f"{base_url} did not answer within {PREFLIGHT_SECONDS} s: is it the right URL?"
        ) from None
    except requests.ConnectionError as exc:
        raise Unusable(f"cannot reach {base_url}: {_reason(exc)}") from None
    except requests.RequestException as exc:
        raise Unusable(f"cannot send to {base_url}: {type(exc).__name__}") from None
    if operation.is_secured and response.status_code == 401:
        raise Unusable(
            f"the key was refused: {operation.label} answered 401 to the run's key "
            "(check $CONTRACT_API_KEY or --api-key-env, and --base-url)"
        )


def _probe(harness: Harness) -> Operation | None:
    """A GET that costs nothing and needs no path id: a secured one the run has credentials
    to send (a 401 there is about the key), else an open one."""
    candidates = [
        op
        for op in harness.spec.operations
        if op.method == "GET" and op.credit_cost == 0 and not op.path_parameters
    ]
    auth = harness.settings.auth
    secured = (op for op in candidates if op.is_secured and choose(op.security, auth))
    return next(secured, next((op for op in candidates if not op.is_secured), None))


def _reason(exc: BaseException) -> str:
    """The innermost cause in a few words (`Connection refused`), not a urllib3 repr."""
    text = str(exc)
    for marker in ("] ", "Errno"):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip(" ')\"(")[:120] or type(exc).__name__


def answers(harness: Harness) -> bool:
    """Whether the target still answers at all (any status will do)."""
    try:
        harness.session.get(harness.settings.base_url, timeout=PREFLIGHT_SECONDS)
    except requests.RequestException:
        return False
    return True


def is_connection_failure(error: BaseException | None) -> bool:
    """Whether `error`, or what it was raised from, is a request that never got an answer."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, requests.ConnectionError | requests.Timeout):
            return True
        error = error.__cause__ or error.__context__
    return False


@dataclass
class Outage:
    """Tests that failed because the server did not answer, counted as the run goes. It is
    a run error only once the server is confirmed gone (`confirm`): a server that merely
    drops the connection on some requests (Node's parser does, on a header it dislikes) and
    still answers the next is not down, and those tests stay ordinary failures."""

    first: str | None = None
    failed_tests: int = 0
    streak: int = 0
    confirmed: bool = False

    def observe(self, nodeid: str, error: BaseException | None) -> bool:
        """Count one finished test; True when enough in a row got no answer that the server
        may be gone (check with `answers`, then `confirm` or `forgive`)."""
        if not is_connection_failure(error):
            self.streak = 0
            return False
        self.failed_tests += 1
        self.streak += 1
        if self.first is None:
            assert error is not None
            self.first = f"{nodeid.split('::')[-1]}: {_reason(_innermost(error))}"
        return self.streak >= STOP_AFTER or isinstance(error, ServerGone)

    def confirm(self) -> None:
        self.confirmed = True

    def forgive(self) -> None:
        self.streak = 0

    @property
    def suspected(self) -> bool:
        return self.failed_tests > 0 and not self.confirmed

    def report(self, unjudged: int) -> dict[str, object] | None:
        """The run error every report shows at its top, or None for a run without one."""
        if self.first is None or not self.confirmed:
            return None
        return {
            "message": f"the server stopped answering mid-run (first: {self.first})",
            "failed_tests": self.failed_tests,
            "unjudged_cells": unjudged,
        }


def _innermost(error: BaseException) -> BaseException:
    while (inner := error.__cause__ or error.__context__) is not None and inner is not error:
        if isinstance(error, requests.ConnectionError | requests.Timeout):
            break
        error = inner
    return error
