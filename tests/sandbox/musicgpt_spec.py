"""What the MusicGPT sandbox tests read from the spec: operations, their first examples sent as
their media type says, and validators for the documented shapes."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from tests.sandbox.conftest import MUSICGPT
from tests.spec import spec_checks

SPEC = spec_checks.load("musicgpt.openapi.yaml")
OPERATIONS = {op.operation_id: op for op in spec_checks.operations(SPEC)}
TASKS = sorted(name for name, op in OPERATIONS.items() if "x-outputs" in op.body)
UPLOADS = sorted(
    name for name in TASKS if "requestBody" in OPERATIONS[name].body
    and "x-requires-one-of" in OPERATIONS[name].body
)  # fmt: skip
CATEGORIES = SPEC["x-rate-limit-categories"]


def fact(operation_id: str, extension: str) -> Any:
    return OPERATIONS[operation_id].body[extension]


def pointer(operation_id: str, *tokens: str) -> str:
    op = OPERATIONS[operation_id]
    escaped = "/".join(token.replace("~", "~0").replace("/", "~1") for token in tokens)
    return f"/paths/{op.path.replace('/', '~1')}/{op.method}/{escaped}"


def validator(schema_pointer: str) -> Draft202012Validator:
    return spec_checks.validator(SPEC, schema_pointer)


def response_validator(operation_id: str, status: int) -> Draft202012Validator:
    return validator(pointer(operation_id, "responses", str(status), "content",
                             "application/json", "schema"))  # fmt: skip


def schema_validator(name: str) -> Draft202012Validator:
    return validator(f"/components/schemas/{name}")


def webhook_validator(name: str) -> Draft202012Validator:
    return validator(f"/webhooks/{name}/post/requestBody/content/application~1json/schema")


def media_type(operation_id: str) -> str:
    return next(iter(OPERATIONS[operation_id].body["requestBody"]["content"]))


def example_body(operation_id: str) -> dict[str, Any]:
    content = OPERATIONS[operation_id].body["requestBody"]["content"]
    examples = content[media_type(operation_id)]["examples"]
    return dict(next(iter(examples.values()))["value"])


def form_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encoded(operation_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` as request arguments of the operation's (first) media type."""
    kind = media_type(operation_id)
    if kind == "application/json":
        return {"json": body}
    fields = {name: form_text(value) for name, value in body.items()}
    if kind == "application/x-www-form-urlencoded":
        return {"data": fields}
    # A file part that no field names makes the body multipart even without an upload.
    return {"data": fields, "files": {"unused": ("", b"")}}


def send(client: TestClient, key: str, operation_id: str, **kwargs: Any) -> Any:
    op = OPERATIONS[operation_id]
    headers = {"Authorization": key, **kwargs.pop("headers", {})}
    return client.request(op.method.upper(), MUSICGPT + op.path, headers=headers, **kwargs)


def start(client: TestClient, key: str, operation_id: str, **changes: Any) -> Any:
    """Start ``operation_id`` with its first example, changed by ``changes``."""
    body = {**example_body(operation_id), **changes}
    return send(client, key, operation_id, **encoded(operation_id, body))


def poll(client: TestClient, key: str, operation_id: str, task_id: str) -> Any:
    query = {"conversionType": fact(operation_id, "x-conversion-type"), "task_id": task_id}
    return send(client, key, "getConversion", params=query)


def conversion_ids(operation_id: str, started: dict[str, Any]) -> list[str]:
    if fact(operation_id, "x-outputs") == 2:
        return [started["conversion_id_1"], started["conversion_id_2"]]
    return [started["conversion_id"]]
