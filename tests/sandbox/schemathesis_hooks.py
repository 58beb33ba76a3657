"""Request rules the specs state in prose, which JSON Schema cannot express, taught to
schemathesis.

- openapi.yaml: ``hit_point_seconds`` must be strictly less than ``duration_seconds`` (a schema
  cannot compare two fields).
- musicgpt.openapi.yaml: ``getConversion`` needs ``task_id`` or ``conversion_id`` (two
  optional query parameters, one of which is required).

Positive cases that break these rules are valid for the schema but not for the API, so they are
bent to keep the rules: otherwise the sandbox's correct 400 would be reported as a rejected
valid request. Negative cases are left alone.

Used in-process by importing this module, and by the CLI with
``SCHEMATHESIS_HOOKS=tests.sandbox.schemathesis_hooks``.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import GenerationMode


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _keep_hit_point_below_duration(body: dict[str, Any]) -> dict[str, Any]:
    hit_point, duration = body.get("hit_point_seconds"), body.get("duration_seconds")
    if _number(hit_point) and _number(duration) and hit_point >= duration:
        return {**body, "hit_point_seconds": duration / 2}
    return body


def _name_a_task(query: dict[str, Any] | None) -> dict[str, Any]:
    query = dict(query or {})
    if not query.get("task_id") and not query.get("conversion_id"):
        query["task_id"] = "unknown-task"  # a 404, as documented, instead of a 400
    return query


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    positive = case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE
    if positive and case.operation.path == "/v1/byId":
        case.query = _name_a_task(case.query)
    if positive and case.operation.path == "/download-track" and isinstance(case.body, dict):
        case.body = _keep_hit_point_below_duration(case.body)
    return case
