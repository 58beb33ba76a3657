"""schemathesis hooks for the CLI: keep positive cases valid under the specs' extension rules.

    SCHEMATHESIS_HOOKS=contract_tests.hooks schemathesis run openapi.yaml --url ... -H ...

Without it, schemathesis sends schema-valid requests that break ``x-less-than`` or
``x-requires-one-of`` as positive cases, and the server's correct 400 is reported as a rejected
valid request. Importing this module registers the hook globally (the CLI's way); the suite
registers `contract_tests.rules.filter_case` on its own schema instead.
"""

from __future__ import annotations

import schemathesis

from contract_tests.rules import filter_case

schemathesis.hook(filter_case)

__all__ = ["filter_case"]
