"""schemathesis hooks for the CLI: keep positive cases valid under the specs' extension rules.

    SCHEMATHESIS_HOOKS=backbeat_contract.hooks schemathesis run openapi.yaml --url ... -H ...

Without it, schemathesis sends schema-valid requests that break ``x-less-than`` or
``x-requires-one-of`` as positive cases, and the server's correct 400 is reported as a rejected
valid request. Importing this module registers the hook globally (the CLI's way); the suite
registers `backbeat_contract.rules.filter_case` on its own schema instead.
"""

from __future__ import annotations

import schemathesis

from backbeat_contract.rules import filter_case

schemathesis.hook(filter_case)

__all__ = ["filter_case"]
