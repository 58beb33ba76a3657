"""Write the typed facade methods of every operation of a spec, inside its generated client.

One method per operation, named after its operationId in snake_case, or its `x-method`
(`x-method: false`: the facade writes this one itself, because it does more than one call).
Its parameters, all typed from the spec:
- the media of the request body's upload pairs (`audio` for `audio_file`/`audio_url`), then
  its required fields (in the order `required` lists them, named by their `x-argument` if
  they have one) or required query parameters: positional;
- the optional fields or parameters: keyword-only, `None` (the default) leaving them out;
  an enum is a `Literal` of its values, a nested object its model or a plain mapping;
- the per-call options every public method takes: `extra_headers=` and `timeout=`.

The module holds four classes: `Methods` and `AsyncMethods` (the same methods, awaited), which
a facade inherits, and `RawMethods` and `AsyncRawMethods`, the same methods again answering a
`RawResponse[<result>]` (`client.with_raw_response.<method>(...)`). A method only hands the
operationId, its success model, the media and the fields to `_invoke`, which the client class
provides. A `deprecated: true` operation warns, naming the method of its `x-replaced-by`.

Names follow openapi-python-client's own rules (its `PythonIdentifier` and `ClassName`), so
they match the generated endpoint and model modules. ``make generate`` runs this after
openapi-python-client:  python tools/gen_facade.py <spec> <facade.py>
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backbeat_specs import read_document
from openapi_python_client.strings import ClassName, PythonIdentifier

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
JSON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
CALL_OPTIONS = ("extra_headers", "timeout")
# A string field whose pattern starts like this holds an ISO 8601 date: it also takes a date.
ISO_DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}"


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def python_name(name: str) -> str:
    return str(PythonIdentifier(name, prefix="field"))


def _text(value: str) -> str:
    return " ".join(value.split()).replace('"""', "'''").replace("\\", "\\\\")


class Spec:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.models: set[str] = set()  # model classes the annotations name

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def properties(self, schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
        schema = self.resolve(schema)
        found = {}
        for part in schema.get("allOf", []):
            found.update(self.properties(part))
        found.update(schema.get("properties", {}))
        return found

    def required(self, schema: dict[str, Any]) -> list[str]:
        schema = self.resolve(schema)
        names = [n for part in schema.get("allOf", []) for n in self.required(part)]
        return names + [n for n in schema.get("required", []) if n not in names]

    def model_name(self, schema: dict[str, Any]) -> str:
        name = str(ClassName(str(schema["$ref"]).rsplit("/", 1)[-1], prefix=""))
        self.models.add(name)
        return name

    def annotation(self, schema: dict[str, Any]) -> str:
        """What a caller may pass for a value of `schema`."""
        if "$ref" in schema and self.resolve(schema).get("type") == "object":
            return f"{self.model_name(schema)} | Mapping[str, Any]"
        schema = self.resolve(schema)
        if schema.get("contentMediaType") == "application/json":
            content = self.resolve(schema.get("contentSchema", {}))
            if content.get("type") == "array":
                return "Sequence[str] | str"
        if "enum" in schema:
            values = [value for value in schema["enum"] if value is not None]
            literal = f"Literal[{', '.join(repr(value) for value in values)}]"
            if all(type(value) is int for value in values) and set(values) <= {0, 1}:
                return f"{literal} | bool"  # a 0/1 switch also takes a bool
            return literal
        kinds = schema.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        if "array" in kinds:
            return f"Sequence[{self.annotation(schema.get('items', {}))}]"
        if "object" in kinds:
            return "Mapping[str, Any]"
        names = [JSON_TYPES[kind] for kind in kinds if kind in JSON_TYPES]
        if "str" in names and (
            schema.get("format") in ("date", "date-time")
            or str(schema.get("pattern", "")).startswith(ISO_DATE_PATTERN)
        ):
            names.append("datetime.date")
        return " | ".join(names) or "Any"


def _is_upload(name: str, schema: dict[str, Any], names: set[str], spec: Spec) -> bool:
    if spec.resolve(schema).get("format") == "binary":
        return True
    return name.endswith("_url") and f"{name[: -len('_url')]}_file" in names


def _summary(schema: dict[str, Any], spec: Spec) -> str:
    description = " ".join(str(spec.resolve(schema).get("description", "")).split())
    sentence = description.split(". ")[0].rstrip(".")
    return sentence.replace('"""', "'''").replace("\\", "\\\\")


@dataclass(frozen=True)
class Parameter:
    argument: str  # the method's parameter
    field: str  # the generated endpoint's keyword or body field (python name)
    annotation: str
    meaning: str


class Method:
    """One operation, as the facade method that calls it."""

    def __init__(self, operation: dict[str, Any], path: str, spec: Spec) -> None:
        self.operation_id: str = operation["operationId"]
        self.name = str(operation.get("x-method") or snake_case(self.operation_id))
        self.operation = operation
        self.path = path
        self.result = self._success_model(operation, spec)
        # An operation that starts a task (`x-conversion-type`) answers a job: its success
        # model, subclassed by backbeat._jobs to carry the type and `wait()`; named after the
        # model (`ConversionStarted` -> `ConversionJob`, `AsyncConversionJob`).
        self.job = (
            self.result.removesuffix("Started") + "Job"
            if operation.get("x-conversion-type")
            else None
        )
        self.media: list[str] = []
        self.positional: list[Parameter] = []
        self.keywords: list[Parameter] = []
        content = operation.get("requestBody", {}).get("content", {})
        if content:
            self._body(spec.resolve(next(iter(content.values()))["schema"]), spec)
        for parameter in map(spec.resolve, operation.get("parameters", [])):
            if parameter.get("in") not in ("query", "path"):
                continue
            name = python_name(parameter["name"])
            found = Parameter(
                name, name, spec.annotation(parameter["schema"]), _summary(parameter, spec)
            )
            (self.positional if parameter.get("required") else self.keywords).append(found)
        clash = {p.argument for p in self.positional + self.keywords} & set(CALL_OPTIONS)
        if clash:
            raise SystemExit(f"{self.operation_id}: rename {clash} with x-argument")

    def _body(self, schema: dict[str, Any], spec: Spec) -> None:
        properties = spec.properties(schema)
        names = set(properties)
        self.media = [
            name[: -len("_file")]
            for name, prop in properties.items()
            if name.endswith("_file") and _is_upload(name, prop, names, spec)
        ]
        required = spec.required(schema)
        for field in required:
            if not _is_upload(field, properties[field], names, spec):
                prop = properties[field]
                argument = str(spec.resolve(prop).get("x-argument", prop.get("x-argument", field)))
                self.positional.append(
                    Parameter(
                        python_name(argument),
                        python_name(field),
                        spec.annotation(prop),
                        _summary(prop, spec),
                    )
                )
        for field, prop in properties.items():
            if field not in required and not _is_upload(field, prop, names, spec):
                name = python_name(field)
                self.keywords.append(
                    Parameter(name, name, spec.annotation(prop), _summary(prop, spec))
                )

    @staticmethod
    def _success_model(operation: dict[str, Any], spec: Spec) -> str:
        response = spec.resolve(operation["responses"]["200"])
        schema = next(iter(response["content"].values()))["schema"]
        return spec.model_name(schema)

    def returns(self, asynchronous: bool) -> str:
        """The class the method answers (and passes to `_invoke` as the result to read)."""
        if self.job is None:
            return self.result
        return ("Async" if asynchronous else "") + self.job

    def signature(self) -> list[str]:
        parameters = ["self"]
        parameters += [f"{name}: Media" for name in self.media]
        parameters += [f"{p.argument}: {p.annotation}" for p in self.positional]
        parameters.append("*")
        parameters += [f"{p.argument}: {p.annotation} | None = None" for p in self.keywords]
        parameters += ["extra_headers: Headers | None = None", "timeout: Timeout = NOT_GIVEN"]
        return parameters

    def arguments(self) -> str:
        """The call of this method with the same arguments (the raw variant makes it)."""
        given = [*self.media, *(p.argument for p in self.positional)]
        given += [f"{name}={name}" for name in [*(p.argument for p in self.keywords)]]
        given += [f"{name}={name}" for name in CALL_OPTIONS]
        return ", ".join(given)

    def render(self, asynchronous: bool) -> list[str]:
        media = ", ".join(f'"{name}": {name}' for name in self.media)
        fields = ", ".join(f'"{p.field}": {p.argument}' for p in [*self.positional, *self.keywords])
        returns = self.returns(asynchronous)
        call = (
            f'self._invoke("{self.operation_id}", {returns}, {{{media}}}, {{{fields}}},'
            " extra_headers, timeout)"
        )
        prefix = "async " if asynchronous else ""
        lines = [f"    {prefix}def {self.name}({', '.join(self.signature())}) -> {returns}:"]
        lines += [f"        {line}" if line else "" for line in self.docstring()]
        lines += self._deprecation()
        lines.append(f"        return {'await ' if asynchronous else ''}{call}")
        return lines

    def render_raw(self, asynchronous: bool) -> list[str]:
        prefix = "async " if asynchronous else ""
        signature = ", ".join(self.signature())
        returns = self.returns(asynchronous)
        lines = [f"    {prefix}def {self.name}({signature}) -> RawResponse[{returns}]:"]
        lines.append(f'        """`{self.name}`, answering its `RawResponse`."""')
        call = f"client.{self.name}({self.arguments()})"
        lines.append(
            f"        return {'await ' if asynchronous else ''}self._client._raw("
            f"lambda client: {call})"
        )
        return lines

    def _deprecation(self) -> list[str]:
        if not self.operation.get("deprecated"):
            return []
        replacement = self.operation.get("x-replaced-by")
        use = f"; use {snake_case(replacement)}" if replacement else ""
        return [
            "        warnings.warn(",
            f'            f"{{type(self).__name__}}.{self.name} calls a deprecated vendor'
            f' endpoint{use}",',
            "            DeprecationWarning,",
            "            stacklevel=2,",
            "        )",
        ]

    def docstring(self) -> list[str]:
        summary = _text(str(self.operation.get("summary", self.operation_id))).rstrip(".")
        kind = self.operation.get("x-conversion-type")
        cost = self.operation.get("x-credit-cost")
        lines = [f'"""{summary}' + (f" ({cost} credit)" if cost else "") + "."]
        if kind:
            lines[0] += f" Type {kind}."
        if self.operation.get("deprecated"):
            replacement = self.operation.get("x-replaced-by")
            instead = f": use `{snake_case(replacement)}`" if replacement else ""
            lines += ["", f"Deprecated by the vendor (`{self.path}`){instead}."]
        described = [
            (name, "a path, a binary file object or an http(s) URL") for name in self.media
        ]
        described += [(p.argument, p.meaning) for p in self.positional + self.keywords]
        described = [(name, meaning) for name, meaning in described if meaning]
        if described:
            lines.append("")
            lines += [f"`{name}`: {meaning}." for name, meaning in described]
        lines[-1] += '"""'
        return lines


def methods(spec: Spec) -> list[Method]:
    """A method per operation, but those with `x-method: false`; by name."""
    found = []
    for path, item in spec.document["paths"].items():
        for http_method in HTTP_METHODS:
            operation = item.get(http_method)
            if operation and operation.get("x-method", True) is not False:
                found.append(Method(operation, path, spec))
    return sorted(found, key=lambda method: method.name)


def render(document: dict[str, Any], spec_name: str) -> str:
    spec = Spec(document)
    found = methods(spec)
    classes = []
    for asynchronous in (False, True):
        prefix = "async " if asynchronous else ""
        name = "AsyncMethods" if asynchronous else "Methods"
        doc = (
            "The methods of `Methods`, awaited."
            if asynchronous
            else "A method per operation of the spec."
        )
        lines = [
            f"class {name}:",
            f'    """{doc}\n    The client class that inherits this provides `_invoke`."""',
            "",
            f"    {prefix}def _invoke(self, operation: str, result: type[ResultT], *arguments: Any)"
            " -> ResultT:",
            '        """Send `operation` with its `arguments` (media: argument name -> input,'
            ' fields,\n        extra_headers, timeout); answer its success body as a `result`."""',
            "        raise NotImplementedError",
        ]
        for method in found:
            lines += ["", *method.render(asynchronous)]
        classes.append("\n".join(lines))
    for asynchronous in (False, True):
        name = "AsyncRawMethods" if asynchronous else "RawMethods"
        client = "AsyncMethods" if asynchronous else "Methods"
        lines = [
            f"class {name}:",
            f'    """`client.with_raw_response`: each method of `{client}`, answering a'
            ' `RawResponse`\n    (its `parse()` gives the usual result)."""',
            "",
            "    def __init__(self, client: Any) -> None:",
            "        self._client = client",
        ]
        for method in found:
            lines += ["", *method.render_raw(asynchronous)]
        classes.append("\n".join(lines))
    jobs = sorted({m.returns(a) for m in found for a in (False, True) if m.job is not None})
    imports = sorted(set(spec.models) - {m.result for m in found if m.job is not None})
    imports = sorted({*imports, *(m.result for m in found if m.job is None)})
    return (
        f'"""Facade methods of the operations of {spec_name}: one per operation, sync and'
        " async,\nand their raw-response variants.\n\n"
        'Generated by tools/gen_facade.py: do not edit.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "import datetime\n"
        "import warnings\n"
        "from collections.abc import Mapping, Sequence\n"
        "from typing import Any, Literal, TypeVar\n\n"
        + (f"from backbeat._jobs import {', '.join(jobs)}\n" if jobs else "")
        + "from backbeat._options import NOT_GIVEN, Headers, Timeout\n"
        "from backbeat._raw import RawResponse\n"
        "from backbeat._uploads import Media\n\n"
        + (f"from .models import {', '.join(imports)}\n\n" if imports else "")
        + '__all__ = ["AsyncMethods", "AsyncRawMethods", "Methods", "RawMethods"]\n\n'
        'ResultT = TypeVar("ResultT")\n'
        "# Unused in some specs; kept so every facade module reads the same.\n"
        "_TYPING = (datetime, Literal, Sequence, warnings)\n\n\n" + "\n\n\n".join(classes) + "\n"
    )


if __name__ == "__main__":
    spec_file, out_file = (Path(arg) for arg in sys.argv[1:3])
    document = read_document(spec_file)
    out_file.write_text(render(document, spec_file.name), encoding="utf-8")
