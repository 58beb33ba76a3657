"""The corpus: third-party OpenAPI specs and servers, none written here, each with the outcome
it should give written down.

Specs come from packages pinned in the lock files (package.json/package-lock.json for npm,
tests/corpus/servers.lock for the PyPI servers, tests/corpus/large/package-lock.json for the
large spec) and are read where the package installed them: nothing is copied into the repo.
A `Prism` target is served by Prism 5.14.2, a faithful mock that answers 2xx to what the spec
calls valid: an honest server, so it should give 0 violations except the known Prism deviations
written down with it. A `Server` target is a real application from PyPI serving its own spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
LARGE_NODE_MODULES = REPO / "tests" / "corpus" / "large" / "node_modules"
SERVERS_VENV = REPO / ".venv-corpus"
# fastapi-example-server pins fastapi<0.82 (pydantic 1): a virtualenv of its own, from its lock.
ITEMS_VENV = REPO / ".venv-corpus-items"
PRISM = NODE_MODULES / ".bin" / "prism"
# The key every target gets: Prism accepts any credential; the servers check none.
KEY = "corpus-key-3c9e"


@dataclass(frozen=True)
class Finding:
    """A real finding the run must report: a violation of `rule` (a prefix) on `operation`
    (`*`: on some operation, and on any operation it is no false failure)."""

    operation: str
    rule: str
    why: str
    detail: str = ""
    """Text the violation's reason must hold: the finding covers that deviation and no other
    failure of the same check."""

    def covers(self, violation: dict[str, object]) -> bool:
        return (
            self.operation in ("*", violation["operation"])
            and str(violation["rule"]).startswith(self.rule)
            and self.detail in str(violation.get("reason", ""))
        )


# Prism 5.14.2's own deviations, which the suite must report on every spec Prism serves.
NO_ALLOW_ON_405 = Finding(
    "*",
    "schemathesis:Wrong response to undeclared method",
    "Prism answers 405 to an undeclared method (TRACE) without the Allow header RFC 9110 requires",
    "without required `Allow` header",
)
PRISM_FINDINGS = (NO_ALLOW_ON_405,)
# More of Prism's own deviations, each seen (and reported by `schemathesis run` alone too) on
# the targets that list them.
ANY_CREDENTIAL = Finding(
    "*",
    "schemathesis:API accepts invalid authentication",
    "Prism checks that a credential is present, never that it is valid: any key gets a 2xx",
)
UNDOCUMENTED_REJECTION = Finding(
    "*",
    "schemathesis:Undocumented status code",
    "Prism answers an invalid request with 400/422 (or a missing credential with 401) where "
    "the spec documents no such status",
)
INVALID_ACCEPTED = Finding(
    "*",
    "schemathesis:Schema-violating request accepted",
    "Prism does not enforce every keyword of the request schema (oneOf/anyOf branches, nested "
    "objects), so some invalid bodies get a 2xx",
)
VALID_REJECTED = Finding(
    "*",
    "schemathesis:Schema-valid request rejected",
    "Prism's request validator refuses some bodies the spec allows (recursive and combined "
    "schemas), or answers every request to an operation with no documented success with its "
    "first documented error",
)


MISSING_KEY_401 = Finding(
    "*",
    "status",
    "Prism answers a request without its credential with 401 whatever the spec says; where an "
    "operation documents 403 for a missing key and no 401, the suite's no-key request gets an "
    "undocumented 401",
    "no key: expected 403, got 401",
)
TEMPLATED_ROUTE = Finding(
    "*",
    "schemathesis:Wrong response to undeclared method",
    "Prism routes an undeclared method on a concrete path (POST /pet/findByStatus) to the "
    "templated path that declares it (POST /pet/{petId}) and answers its validation error, "
    "where OpenAPI matches the concrete path first and the method is not allowed there (405)",
    "Unsupported method",
)


def example_breaks_schema(
    operations: tuple[str, ...],
    why: str,
    rules: tuple[str, ...] = ("body-schema", "schemathesis:Response violates schema"),
) -> tuple[Finding, ...]:
    """The spec's own response example breaks its schema and Prism serves it: a real finding
    on each of `operations`, by the suite's rule and by schemathesis' (`rules`)."""
    return tuple(Finding(operation, rule, why) for operation in operations for rule in rules)


@dataclass(frozen=True)
class Target:
    name: str
    package: str
    """Where it comes from: `npm:<name>@<version>` or `pypi:<name>==<version>`."""
    shape: str
    """What makes it worth having: the spec features it exercises."""
    findings: tuple[Finding, ...] = ()
    """Known real findings; any other violation is a false failure."""
    in_make_test: tuple[str, ...] = ()
    """Which of its tests `make test` runs (`outcome`, `superset`): cheap ones that hold
    today. The rest runs under `make corpus`."""
    max_examples: int = 10
    phases: str = "examples,coverage,fuzzing,stateful"
    """Schemathesis phases, the same for the suite and for `schemathesis run`."""
    seconds: int = 240
    """How long one run of either tool may take."""
    dies: bool = False
    """Whether the server is known to die mid-run on a request the fuzzing sends (Prism's crash
    on a malformed multipart body): the run must then end in a run error, and only then."""
    past_death: tuple[Finding, ...] = ()
    """More known findings, which the run reaches only past the request that kills the server:
    against the plain server it stops first (a run error), against the restarted one (the
    superset test) it reports them."""

    def command(self) -> list[str]:
        """The argv that serves it ({port} is filled in)."""
        raise NotImplementedError

    @property
    def ready_path(self) -> str:
        """A path that answers once it is up."""
        raise NotImplementedError


@dataclass(frozen=True)
class Prism(Target):
    spec: Path = field(default=Path())
    findings: tuple[Finding, ...] = PRISM_FINDINGS

    def command(self) -> list[str]:
        return [str(PRISM), "mock", str(self.spec), "-h", "127.0.0.1", "-p", "{port}"]

    @property
    def ready_path(self) -> str:
        return "/"


@dataclass(frozen=True)
class Server(Target):
    """A PyPI application serving its own spec: the suite loads it from `spec_path` (the URL
    path under the server's root) and checks the server against it."""

    argv: tuple[str, ...] = ()
    spec_path: str = "/openapi.json"
    base_path: str = ""
    venv: Path = SERVERS_VENV
    """The virtualenv it is installed in (`{bin}` in argv is its bin folder)."""

    def command(self) -> list[str]:
        return [part.replace("{bin}", str(self.venv / "bin")) for part in self.argv]

    @property
    def ready_path(self) -> str:
        return self.spec_path


README_EXAMPLES = "npm:@readme/oas-examples@8.2.2"


def _readme_example(
    name: str,
    file: str,
    shape: str,
    *findings: Finding,
    prism_findings: tuple[Finding, ...] = PRISM_FINDINGS,
    **options: Any,
) -> Prism:
    """A spec of `@readme/oas-examples` (`file`: `<OpenAPI version>/<file name>`) served by
    Prism: its findings are Prism's own deviations and `findings`."""
    version, _, file_name = file.partition("/")
    spec = NODE_MODULES / "@readme" / "oas-examples" / version / "yaml" / file_name
    return Prism(
        name, README_EXAMPLES, shape, spec=spec, findings=(*prism_findings, *findings), **options
    )


def blockfrost_examples(rules: tuple[str, ...]) -> tuple[Finding, ...]:
    """Blockfrost's response examples that break their schemas, found by `rules`."""
    return example_breaks_schema(
        (
            "get_accounts_stake_address_utxos",
            "get_addresses_address_utxos",
            "get_addresses_address_utxos_asset",
            "get_pools_extended",
            "get_utils_addresses_xpub_xpub_role_index",
        ),
        "the spec's own 200 example breaks its schema (utxo examples without the required "
        "tx_index; pool_list_extended's example holds pasted schema fragments as values; the "
        "xpub example is an array where the schema says object), and Prism serves that example",
        rules,
    )


TARGETS: tuple[Target, ...] = (
    _readme_example(
        "petstore-3.0",
        "3.0/petstore.yaml",
        "the classic Petstore: path ids, form and JSON bodies, api_key and oauth2 schemes",
        ANY_CREDENTIAL,
        UNDOCUMENTED_REJECTION,
        VALID_REJECTED,
        dies=True,
        past_death=(TEMPLATED_ROUTE, INVALID_ACCEPTED),
    ),
    _readme_example(
        "train-travel-3.1",
        "3.1/train-travel.yaml",
        "3.1 booking API: oneOf bodies, several security schemes, links, RateLimit headers",
        VALID_REJECTED,
        INVALID_ACCEPTED,
        Finding(
            "create-booking-payment",
            "body-schema",
            "the spec's own 200 example breaks "
            "its schema (unevaluated card properties), and Prism serves that example",
        ),
        Finding(
            "create-booking-payment",
            "schemathesis:Response violates schema",
            "the same invalid example, found by schemathesis",
        ),
        Finding(
            "*",
            "schemathesis:Undocumented Content-Type",
            "Prism's validation errors "
            "are application/json where the spec documents application/problem+json",
        ),
    ),
    _readme_example(
        "security-3.1",
        "3.1/security.yaml",
        "every security scheme kind (apiKey in header/query/cookie, basic, bearer, oauth2)",
        ANY_CREDENTIAL,
        UNDOCUMENTED_REJECTION,
        in_make_test=("outcome", "superset"),
    ),
    _readme_example(
        "circular-3.0",
        "3.0/schema-circular.yaml",
        "recursive schemas, request and response bodies that refer back to themselves",
        UNDOCUMENTED_REJECTION,
        INVALID_ACCEPTED,
        VALID_REJECTED,
        Finding(
            "put_circular",
            "status",
            "Prism refuses the recursive body the spec allows "
            "with 400: the suite's valid request, checked against the spec, is refused",
        ),
        Finding(
            "put_circular",
            "schemathesis:Missing required header accepted",
            "Prism answers 400, not 401, to a request without its Authorization header",
        ),
    ),
    _readme_example(
        "parameters-style-3.0",
        "3.0/parameters-style.yaml",
        "every parameter style and explode form, in path, query, header and cookie",
        # Prism dies on the valid request of `headers_standard`, a scenario, before any
        # fuzzing: the run error is the whole outcome, none of its deviations is reached.
        prism_findings=(),
        dies=True,
        past_death=(*PRISM_FINDINGS, UNDOCUMENTED_REJECTION, INVALID_ACCEPTED, VALID_REJECTED),
        # Restarted after every death (the superset test), Prism starts again hundreds of times.
        seconds=900,
    ),
    _readme_example(
        "polymorphism-3.0",
        "3.0/polymorphism.yaml",
        "allOf/oneOf/anyOf with discriminators",
        UNDOCUMENTED_REJECTION,
        INVALID_ACCEPTED,
        VALID_REJECTED,
    ),
    Prism(
        "directus",
        "npm:@directus/specs@15.2.0",
        "a real product's API (Directus), JSON, many shared components",
        spec=NODE_MODULES / "@directus" / "specs" / "dist" / "openapi.json",
        # 347 documented cells: a small budget, and no coverage phase (its boundary cases of
        # Directus' large schemas took minutes per operation), the same for both tools.
        max_examples=3,
        phases="examples,fuzzing,stateful",
        seconds=600,
        # No coverage phase, so no undeclared-method probe: NO_ALLOW_ON_405 is not met here.
        findings=(
            ANY_CREDENTIAL,
            UNDOCUMENTED_REJECTION,
            VALID_REJECTED,
            INVALID_ACCEPTED,
            MISSING_KEY_401,
            *example_breaks_schema(
                ("getPresets", "createPreset", "updatePresets", "getPreset", "updatePreset"),
                "the spec's Presets schema gives `layout` type string with `example: null`, "
                "and Prism serves that example",
            ),
            *(
                Finding(
                    operation,
                    "status",
                    "the path's `id` is oneOf integer/string: Prism reads a numeric id as both, "
                    "answers 422 (`must match exactly one schema in oneOf`) to every request "
                    "with one, an integer id the spec allows included",
                    "got 422",
                )
                for operation in ("getItem", "updateItem", "deleteItem")
            ),
        ),
        dies=True,
    ),
    Prism(
        "ideal-postcodes",
        "npm:@ideal-postcodes/openapi@4.21.0",
        "a real product's API (Ideal Postcodes): query-key auth, many documented errors",
        spec=NODE_MODULES / "@ideal-postcodes" / "openapi" / "dist" / "openapi.yaml",
        findings=(
            *PRISM_FINDINGS,
            VALID_REJECTED,
            INVALID_ACCEPTED,
            *example_breaks_schema(
                (
                    "AddressCleanse",
                    "AddressVerify",
                    "FindAddress",
                    "ResolveAddress",
                    "RetrieveAddress",
                    "Addresses",
                ),
                "the spec's own 200 example fits none (or more than one) of its oneOf "
                "branches, and Prism serves that example",
            ),
            Finding(
                "*",
                "schemathesis:Response violates schema",
                "Prism's own answer to a body that is not JSON, "
                '{"error": {"code": "invalid_json", ...}}, breaks the 400 schema the spec '
                "documents (an integer `code` at the top)",
                '"code" is a required property',
            ),
        ),
    ),
    Prism(
        "blockfrost",
        "npm:@blockfrost/openapi@0.1.93",
        "a real product's API (Blockfrost, Cardano): 129 operations, header key, paging",
        spec=NODE_MODULES / "@blockfrost" / "openapi" / "openapi.yaml",
        max_examples=3,
        findings=(ANY_CREDENTIAL, MISSING_KEY_401, *blockfrost_examples(("body-schema",))),
        # Prism dies during the examples phase: the coverage phase's probes, and some of
        # schemathesis' own checks of the examples, come after.
        past_death=(
            *PRISM_FINDINGS,
            UNDOCUMENTED_REJECTION,
            INVALID_ACCEPTED,
            *blockfrost_examples(("schemathesis:Response violates schema",)),
        ),
        dies=True,
    ),
)

# analytic-continuation-server 0.1.0's real findings: FastAPI documents only 200 and 422, and
# the application answers otherwise, each reported by `schemathesis run` alone too.
ANALYTIC_FINDINGS = (
    Finding(
        "*",
        "status",
        "a request the spec calls valid gets a 5xx: 500 from params-from-bounds, transform-point, "
        "spline-export and continuation-import on values their schemas allow; 501 from every "
        "domain-colouring operation (its renderer is not part of the package)",
        "got 50",
    ),
    Finding(
        "*",
        "status",
        "a valid request gets an undocumented 400 (laurent compose and intrinsic-curve, "
        "resume-with-data check more than their schemas say)",
        "got 400",
    ),
    Finding(
        "*",
        "status",
        "a session's continuation that was never computed gets an undocumented 404",
        "got 404",
    ),
    Finding(
        "*",
        "body-schema",
        "the laurent operations answer null (a NaN) for fields their schema types as number",
        "null is not of type",
    ),
    Finding("*", "schemathesis:Server error", "the same 500s and 501s, found by schemathesis"),
    Finding(
        "*",
        "schemathesis:Undocumented status code",
        "400, 404, 500 and 501 in answer, none documented",
    ),
    Finding(
        "*",
        "schemathesis:Response violates schema",
        "the null numbers, found by schemathesis",
        "null is not of type",
    ),
    Finding(
        "*",
        "schemathesis:Schema-violating request accepted",
        "pydantic coerces what the schema forbids (a string for a number, extra fields)",
    ),
    Finding(
        "*",
        "schemathesis:Schema-valid request rejected",
        "the same 400s to requests the spec calls valid",
    ),
    Finding(
        "*",
        "schemathesis:Allow header mismatch",
        "Starlette answers a 405 with the Allow of the first route that matched the path only",
    ),
    *(
        Finding(
            "stream_session_progress_api_session__session_id__progress_stream_get",
            rule,
            "the progress stream answers text/event-stream where the spec says application/json",
        )
        for rule in ("content-type", "schemathesis:Undocumented Content-Type")
    ),
)
# fastapi-example-server 0.1.1's real findings, each reported by `schemathesis run` alone too.
NULL_NOT_DOCUMENTED = (
    "pydantic 1 documents an Optional field (description, tax) as a plain string/number, "
    "without `nullable`, and the server sends and accepts null there"
)
ITEMS_FINDINGS = (
    # Which operations meet a null depends on the items the run created (any of the four).
    *(
        Finding("*", rule, NULL_NOT_DOCUMENTED, "null is not of type")
        for rule in ("body-schema", "schemathesis:Response violates schema")
    ),
    Finding("*", "schemathesis:Schema-violating request accepted", NULL_NOT_DOCUMENTED),
    Finding(
        "*",
        "schemathesis:Allow header mismatch",
        "Starlette 0.19 answers a 405 on /items/ and /items/{id} with the Allow header of the "
        "first route that matched the path only (`Allow: GET`), leaving out POST and PATCH",
    ),
    Finding(
        "patch_item_items__id__patch",
        "schemathesis:Server error",
        "PATCH /items/{id} with `price: null` stores an item its own response model refuses: 500",
    ),
    Finding(
        "patch_item_items__id__patch",
        "schemathesis:Undocumented status code",
        "the same 500, which the spec does not document",
        "Received: 500",
    ),
    Finding(
        "*",
        "schemathesis:Undocumented status code",
        "an unknown item id gets 404 and a body that is not JSON gets 400: the spec FastAPI "
        "generates documents only 200 and 422",
        "Received: 40",
    ),
)
SERVERS: tuple[Server, ...] = (
    Server(
        "analytic-continuation-server",
        "pypi:analytic-continuation-server==0.1.0",
        "a FastAPI application (OpenAPI 3.1 from pydantic): numeric JSON bodies, 422s",
        argv=("{bin}/serve-analytic-continuation", "--host", "127.0.0.1", "--port", "{port}"),
        # Its operations fit Laurent series and render domain colourings (scipy, numpy): a few
        # examples each keep a run within minutes on two cores; coverage finds its 500s.
        max_examples=3,
        seconds=900,
        findings=ANALYTIC_FINDINGS,
    ),
    Server(
        "fastapi-example-server",
        "pypi:fastapi-example-server==0.1.1",
        "a FastAPI 0.81 CRUD application (OpenAPI 3.0 from pydantic 1): item ids in paths, "
        "create and patch bodies, its own 404s",
        argv=(
            "{bin}/uvicorn",
            "fastapi_example_server.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
        ),
        venv=ITEMS_VENV,
        findings=ITEMS_FINDINGS,
    ),
)
LARGE = Prism(
    name="github-rest-api",
    package="npm:@octokit/openapi@23.0.2",
    shape="GitHub's REST API: 13 MB of JSON, 1,223 operations (the large-spec target)",
    spec=LARGE_NODE_MODULES / "@octokit" / "openapi" / "generated" / "api.github.com.json",
    # The budget: one fuzzed request per operation, no coverage or stateful phase.
    max_examples=1,
    phases="fuzzing",
    seconds=900,
)
# A real server whose own spec the suite refuses, on purpose: pygeoapi's document `$ref`s
# schemas on schemas.opengis.net, and nothing the suite runs may leave the machine.
REFUSED = {
    "pygeoapi": (
        "pypi:pygeoapi==0.21.0",
        "points outside the file; bundle the spec into one file first",
    ),
}
