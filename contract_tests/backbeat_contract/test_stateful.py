"""Stateful testing along the spec's links (e.g. search -> downloadTrack), or the links
schemathesis infers when the spec has none."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis.errors import FlakyStrategyDefinition

from backbeat_contract import fuzzing
from backbeat_contract.harness import Harness


def test_links(harness: Harness) -> None:
    if "stateful" not in harness.settings.phases:
        pytest.skip("the stateful phase is not selected (--phases)")
    schema = fuzzing.load_schema(harness)
    if not schema.statistic.transitions.total:
        # No links in the spec: the ones schemathesis infers (an id in one answer feeding
        # another operation's parameter, a Location header), as `schemathesis run` does.
        inference = schema.apply_stateful_inference(None)
        if not inference.total:
            pytest.skip("the spec defines no links, and schemathesis infers none")
        harness.ledger.note(f"stateful phase: {inference.inferred} links inferred by schemathesis")
    base = schema.as_state_machine()

    class GuardedMachine(base):  # type: ignore[misc,valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"session": harness.session}

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            fuzzing.validate(harness, case, response)

    with fuzzing.skip_when_refused():
        try:
            GuardedMachine.run(settings=fuzzing.stateful_settings(harness))
        except FlakyStrategyDefinition:
            # A rule's availability depends on the answers (a link is followed only after a
            # success); a server whose answers change with time (a spent rate-limit window)
            # makes a sequence impossible to replay. What ran was checked and recorded.
            reason = (
                "stateful phase ended early: the server answered the same sequence differently "
                "when it was replayed (state the run cannot reset, such as a rate-limit window)"
            )
            harness.ledger.note(reason)
            pytest.skip(reason)
