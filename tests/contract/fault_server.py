"""Serve the real sandbox wrapped in one fault: ``python -m tests.contract.fault_server NAME PORT``.

The only module under tests/contract that imports the sandbox; the contract suite meets it over
HTTP, as it meets any server.
"""

from __future__ import annotations

import sys

import uvicorn
from backbeat_sandbox.app import create_app

from tests.contract.fault_catalog import FAULTS
from tests.contract.faults import FaultMiddleware


def main(name: str, port: int) -> None:
    app = FaultMiddleware(create_app(), FAULTS[name]())
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
