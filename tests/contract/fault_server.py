"""Serve the real sandbox wrapped in one fault: ``python -m tests.contract.fault_server NAME PORT``.

The only module under tests/contract that imports the sandbox; the contract suite meets it over
HTTP, as it meets any server.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

from backbeat_sandbox.app import create_app
from backbeat_sandbox.server import serve
from backbeat_sandbox.webhooks import Courier, Delivery

from tests.contract.fault_catalog import FAULTS
from tests.contract.faults import FaultMiddleware, WebhookRewrite

# As the contract runner starts its embedded sandbox: tasks complete unpolled, in seconds.
TASK_SECONDS = 2.0


@dataclass
class FaultyCourier(Courier):
    """The sandbox's courier, sending each payload as the fault rewrites it."""

    rewrite: WebhookRewrite | None = None

    def send(self, delivery: Delivery) -> None:
        assert self.rewrite is not None
        payloads = [self.rewrite(dict(p)) for p in delivery.payloads]
        kept = tuple(p for p in payloads if p is not None)
        if kept:
            super().send(replace(delivery, payloads=kept))


def main(name: str, port: int) -> None:
    fault = FAULTS[name]()
    sandbox = create_app(task_seconds=TASK_SECONDS)
    if fault.on_webhook is not None:
        for service in sandbox.state.services:
            service.courier = FaultyCourier(service.courier.policy, rewrite=fault.on_webhook)
    app = FaultMiddleware(sandbox, fault)
    # As the sandbox's own command serves: port 0 binds any free port and announces it.
    serve(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
