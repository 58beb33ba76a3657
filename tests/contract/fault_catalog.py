"""The catalog of faults: name -> a `Fault` breaking exactly one documented promise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.contract.faults import Exchange, Fault, Scope

# A working key per API base path, for the fault that ignores authentication.
WORKING_KEYS = {
    "/api/external/": "Bearer ty_test_load_faultauth",
    "/api/public/": "mg_test_pro_faultauth",
}
PAID_PATHS = ("/search", "/download-track")
CREDITS = "x-credits-remaining"


def _is_error(x: Exchange) -> bool:
    return x.reply.status >= 400


def _rewrite_json(x: Exchange, change: Callable[[dict[str, Any]], None]) -> None:
    body = x.reply.json()
    if isinstance(body, dict):
        change(body)
        x.reply.set_json(body)


def _status(old: int, new: int) -> Callable[[Exchange], None]:
    def rewrite(x: Exchange) -> None:
        if x.reply.status == old:
            x.reply.status = new

    return rewrite


def _on_429(name: str, value: str | None) -> Callable[[Exchange], None]:
    def rewrite(x: Exchange) -> None:
        if x.reply.status == 429:
            x.reply.set_header(name, value)

    return rewrite


def _drop_error_field(name: str) -> Callable[[Exchange], None]:
    def rewrite(x: Exchange) -> None:
        if _is_error(x):
            _rewrite_json(x, lambda body: body.pop(name, None))

    return rewrite


def _json_as_text(x: Exchange) -> None:
    if x.reply.media_type.endswith("json"):
        x.reply.set_header("content-type", "text/plain; charset=utf-8")


def _ignore_auth(scope: Scope) -> None:
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    if len(headers) == len(scope["headers"]):
        key = next(v for prefix, v in WORKING_KEYS.items() if scope["path"].startswith(prefix))
        scope["headers"] = [*headers, (b"authorization", key.encode())]


def _bad_input_crashes(x: Exchange) -> None:
    if x.reply.status == 400:
        x.reply.status = 500
        _rewrite_json(x, lambda body: body.update(error="Internal Server Error"))


def _remaining_stuck(x: Exchange) -> None:
    limit = x.reply.header("x-ratelimit-limit")
    if x.reply.status != 429 and limit is not None:
        x.reply.set_header("x-ratelimit-remaining", limit)


def _header_on_audio(name: str, value: str | None) -> Callable[[Exchange], None]:
    def rewrite(x: Exchange) -> None:
        if x.reply.media_type.startswith("audio/"):
            x.reply.set_header(name, value)

    return rewrite


def _mistyped_success_body(x: Exchange) -> None:
    def stringify(body: dict[str, Any]) -> None:
        for name, value in body.items():
            if isinstance(value, bool | int | float):
                body[name] = str(value)

    if x.reply.status < 300:
        _rewrite_json(x, stringify)


def _ignore_prefer_for(code: int) -> Callable[[Scope], None]:
    def rewrite(scope: Scope) -> None:
        wanted = f"code={code}".encode()
        scope["headers"] = [
            (k, v) for k, v in scope["headers"] if not (k.lower() == b"prefer" and wanted in v)
        ]

    return rewrite


def _phantom_charges(charge_on: Callable[[Exchange], bool]) -> Callable[[Fault], Fault]:
    """Reported balances drop by one more credit for each exchange `charge_on` picks, per key."""

    def attach(fault: Fault) -> Fault:
        def rewrite(x: Exchange) -> None:
            key = x.request_header("authorization") or ""
            if charge_on(x):
                fault.state[key] = fault.state.get(key, 0) + 1
            balance = x.reply.header(CREDITS)
            if balance is not None and balance.isdigit():
                x.reply.set_header(CREDITS, str(max(0, int(balance) - fault.state.get(key, 0))))

        fault.on_reply = rewrite
        return fault

    return attach


def _paid(x: Exchange) -> bool:
    return x.path.endswith(PAID_PATHS)


def _paid_failure(x: Exchange) -> bool:
    return _paid(x) and 400 <= x.reply.status < 500


def _paid_success(x: Exchange) -> bool:
    return _paid(x) and x.reply.status < 300


def _one_id_for_two_outputs(x: Exchange) -> None:
    def repeat_first(body: dict[str, Any]) -> None:
        if "conversion_id_2" in body:
            body["conversion_id_2"] = body.get("conversion_id_1")

    if x.reply.status < 300:
        _rewrite_json(x, repeat_first)


def _plan_of(path_suffix: str, plan: str, instead: str) -> Callable[[Scope], None]:
    """Requests to one operation run on another plan's limits (a category limit not enforced)."""

    def rewrite(scope: Scope) -> None:
        if not str(scope["path"]).endswith(path_suffix):
            return
        scope["headers"] = [
            (k, v.replace(plan.encode(), instead.encode()) if k.lower() == b"authorization" else v)
            for k, v in scope["headers"]
        ]

    return rewrite


def _on_path(path_suffix: str, status: int) -> Callable[[Exchange], None]:
    def rewrite(x: Exchange) -> None:
        if x.path.endswith(path_suffix):
            x.reply.status = status
            x.reply.set_json({"success": False, "error": "Internal Server Error"})

    return rewrite


def _empty_402(x: Exchange) -> None:
    if x.reply.status == 402:
        x.reply.body = b""


def _free_estimate(x: Exchange) -> None:
    def zero(body: dict[str, Any]) -> None:
        if "credit_estimate" in body:
            body["credit_estimate"] = 0

    if x.reply.status < 300:
        _rewrite_json(x, zero)


def _task_id_as_number(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "task_id": 12345}


FAULTS: dict[str, Callable[[], Fault]] = {
    "not_found_as_bad_request": lambda: Fault("404 answered as 400", on_reply=_status(404, 400)),
    "forbidden_as_unauthorized": lambda: Fault("403 answered as 401", on_reply=_status(403, 401)),
    "missing_retry_after": lambda: Fault(
        "429 without Retry-After", on_reply=_on_429("retry-after", None)
    ),
    "insane_retry_after": lambda: Fault(
        "Retry-After of two days", on_reply=_on_429("retry-after", "172800")
    ),
    "error_without_message": lambda: Fault(
        "errors lack message", on_reply=_drop_error_field("message")
    ),
    "error_without_success": lambda: Fault(
        "errors lack success", on_reply=_drop_error_field("success")
    ),
    "json_as_text": lambda: Fault("JSON served as text/plain", on_reply=_json_as_text),
    "auth_ignored": lambda: Fault("a request without a key is served", on_request=_ignore_auth),
    "server_error_on_bad_input": lambda: Fault("400 becomes 500", on_reply=_bad_input_crashes),
    "remaining_not_decreasing": lambda: Fault(
        "Remaining stuck at the limit", on_reply=_remaining_stuck
    ),
    "remaining_nonzero_on_429": lambda: Fault(
        "429 with Remaining 1", on_reply=_on_429("x-ratelimit-remaining", "1")
    ),
    "download_without_disposition": lambda: Fault(
        "audio without Content-Disposition", on_reply=_header_on_audio("content-disposition", None)
    ),
    "mistyped_success_body": lambda: Fault(
        "numbers sent as strings", on_reply=_mistyped_success_body
    ),
    "prefer_ignored_for_403": lambda: Fault(
        "Prefer: code=403 ignored", on_request=_ignore_prefer_for(403)
    ),
    "prefer_ignored_for_409": lambda: Fault(
        "Prefer: code=409 ignored", on_request=_ignore_prefer_for(409)
    ),
    "webhook_payload_mistyped": lambda: Fault(
        "webhooks carry a numeric task_id", on_webhook=_task_id_as_number
    ),
    "webhook_never_sent": lambda: Fault("no webhook is sent", on_webhook=lambda payload: None),
    "two_outputs_one_id": lambda: Fault(
        "a two-output start names its first id twice", on_reply=_one_id_for_two_outputs
    ),
    "category_limit_not_enforced": lambda: Fault(
        "coverSong runs free keys on the pro plan's parallel jobs",
        on_request=_plan_of("/v1/Cover", "mg_test_free", "mg_test_pro"),
    ),
    "deprecated_operation_fails": lambda: Fault(
        "the deprecated v1 MusicAI answers 500", on_reply=_on_path("/v1/MusicAI", 500)
    ),
    "payment_required_without_body": lambda: Fault("402 with an empty body", on_reply=_empty_402),
    "credit_estimate_not_reported": lambda: Fault(
        "start answers report a zero credit_estimate", on_reply=_free_estimate
    ),
    "credits_charged_on_failure": lambda: _phantom_charges(_paid_failure)(
        Fault("failures charged")
    ),
    "credits_charged_twice": lambda: _phantom_charges(_paid_success)(
        Fault("successes charged twice")
    ),
}
