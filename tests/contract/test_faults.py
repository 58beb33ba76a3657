"""Each fault variant of the sandbox makes the contract suite fail, naming the broken promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.suite_runs import FAST, fault_server, judging, run_suite, serve

BASE_PATHS = {"trackyard": "/api/external/v1", "musicgpt": "/api/public"}
REPORTS = {"trackyard": "contract-coverage.md", "musicgpt": "contract-musicgpt-coverage.md"}

# (api, fault, a line of the report's violation list must contain this). The suite runs only the
# tests that judge the bent promise (pytest -k: the operation the line names, or the run-wide
# check); the honest sandbox's whole runs are in test_runner.
VARIANTS = [
    ("trackyard", "not_found_as_bad_request", "**downloadTrack 404** [status]"),
    ("trackyard", "missing_retry_after", "**getMe 429** [header:Retry-After]"),
    ("trackyard", "error_without_message", "**listUsage 400** [body-schema]"),
    ("trackyard", "json_as_text", "**getMe 200** [content-type]"),
    ("trackyard", "auth_ignored", "**getMe 401** [status] no key"),
    ("trackyard", "server_error_on_bad_input", "**listUsage 400** [status]"),
    ("trackyard", "remaining_not_decreasing", "[ratelimit-remaining-decreases]"),
    ("trackyard", "remaining_nonzero_on_429", "**getMe 429** [header:X-RateLimit-Remaining]"),
    ("trackyard", "download_without_disposition", "[download-content-disposition]"),
    ("trackyard", "mistyped_success_body", "**getMe 200** [body-schema]"),
    ("trackyard", "prefer_ignored_for_403", "**getMe 403** [status] forced with Prefer"),
    ("trackyard", "credits_charged_on_failure", "[credits-charged-on-failure]"),
    ("trackyard", "credits_charged_twice", "[credits-charged-on-success]"),
    ("musicgpt", "not_found_as_bad_request", "**getConversion 404** [status]"),
    ("musicgpt", "forbidden_as_unauthorized", "**listVoices 403** [status] an unknown key"),
    ("musicgpt", "insane_retry_after", "**generateMusic 429** [header:Retry-After]"),
    ("musicgpt", "error_without_success", "**listVoices 400** [body-schema]"),
    ("musicgpt", "json_as_text", "**listVoices 200** [content-type]"),
    ("musicgpt", "auth_ignored", "**listVoices 401** [status] no key"),
    ("musicgpt", "server_error_on_bad_input", "**listVoices 400** [status]"),
    ("musicgpt", "mistyped_success_body", "**listVoices 200** [body-schema]"),
    ("musicgpt", "prefer_ignored_for_409", "**generateMusic 409** [status] forced with Prefer"),
    ("musicgpt", "webhook_payload_mistyped", "**coverSong** [webhook-schema]"),
    ("musicgpt", "webhook_never_sent", "**remixSong** [webhook-delivered]"),
    ("musicgpt", "two_outputs_one_id", "**extendSong 200** [outputs]"),
    ("musicgpt", "category_limit_not_enforced", "**coverSong 429** [plan-limit]"),
    ("musicgpt", "deprecated_operation_fails", "**generateMusicV1 200** [status]"),
    ("musicgpt", "payment_required_without_body", "**textToSpeech 402** [body-schema]"),
    ("musicgpt", "credit_estimate_not_reported", "**denoiseAudio 200** [credit-estimate]"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("api", "fault", "expected"), VARIANTS, ids=[f"{a}-{f}" for a, f, _ in VARIANTS]
)
def test_fault_is_caught(api: str, fault: str, expected: str, tmp_path: Path) -> None:
    with serve(fault_server(fault), "/_sandbox/health") as root:
        args = ["--api", api, "--base-url", root + BASE_PATHS[api], "--sandbox-magic", "1"]
        run = run_suite([*args, *FAST, "-k", judging(expected, RUN_WIDE)], tmp_path)
    assert run.returncode == 1, run.output[-3000:]
    violations = [line for line in run.report(REPORTS[api]).splitlines() if line.startswith("- **")]
    assert any(expected in line for line in violations), "\n".join(violations) or run.output[-3000:]


# A check the contract suite makes across operations (its test_semantics) -> the tests that make
# it, with one cell judged so that the run writes its reports.
RUN_WIDE = {
    "[ratelimit-remaining-decreases]": "ratelimit_remaining_decreases or getMe-200",
    "[download-content-disposition]": "download_is_an_attachment or downloadTrack-200",
    "[credits-charged-on-failure]": "credits_charged_only_on_success or getMe-200",
    "[credits-charged-on-success]": "credits_charged_only_on_success or getMe-200",
    "[outputs]": "task_extensions or {operation}-200",
    "[credit-estimate]": "task_extensions or {operation}-200",
}
