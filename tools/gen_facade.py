"""Write a facade method per task-starting operation, inside its generated client.

An operation with `x-outputs` only starts a task: its facade method sends the caller's fields
and answers the start response. Nothing about it is the method's own, so the methods are
written here from the spec, as two mixin classes (`ConversionMethods`, and
`AsyncConversionMethods` with the same methods, awaited). A method's name is the operationId in
snake_case; its positional parameters are the media of the body's upload pairs (`audio` for
`audio_file`/`audio_url`), then the body's required fields in the order `required` lists them,
named by their `x-argument` if they have one; the rest is `**options: Unpack[<Op>Options]`
(tools/gen_options.py). Its docstring is the operation's summary, what each positional means,
and the `x-conversion-type` to wait with. A `deprecated: true` operation warns, naming the
method of its `x-replaced-by`.

The generated package does not know the client that sends the call: a mixin declares the one
method it needs, `_start_operation(operationId, result model, media, fields)`, and the client
class that inherits the mixin provides it. ``make generate`` runs this after
openapi-python-client.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from gen_options import HTTP_METHODS, Spec, _class_name, _is_upload, _summary


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def _text(value: str) -> str:
    return " ".join(value.split()).replace('"""', "'''").replace("\\", "\\\\")


class Method:
    """One task-starting operation, as the facade method that starts it."""

    def __init__(self, operation: dict[str, Any], spec: Spec) -> None:
        self.operation_id: str = operation["operationId"]
        self.name = snake_case(self.operation_id)
        self.operation = operation
        self.result = _success_model(operation, spec)
        content = operation.get("requestBody", {}).get("content", {})
        schema = spec.resolve(next(iter(content.values()))["schema"]) if content else {}
        properties = spec.properties(schema) if schema else {}
        self.has_options = bool(content)
        self.media = [
            name[: -len("_file")]
            for name, prop in properties.items()
            if name.endswith("_file") and _is_upload(name, prop, set(properties), spec)
        ]
        # (argument name, field name, annotation, what it means)
        self.fields = [
            (
                str(properties[field].get("x-argument", field)),
                field,
                spec.python_type(properties[field]),
                _summary(properties[field], spec),
            )
            for field in schema.get("required", [])
            if not _is_upload(field, properties[field], set(properties), spec)
        ]

    def render(self, asynchronous: bool) -> list[str]:
        parameters = ["self"]
        parameters += [f"{name}: Media" for name in self.media]
        parameters += [f"{argument}: {annotation}" for argument, _, annotation, _ in self.fields]
        if self.has_options:
            parameters.append(f"**options: Unpack[{_class_name(self.operation_id)}]")
        media = ", ".join(f'"{name}": {name}' for name in self.media)
        fields = [f'"{field}": {argument}' for argument, field, _, _ in self.fields]
        if self.has_options:
            fields.append("**options")
        sent = "options" if fields == ["**options"] else f"{{{', '.join(fields)}}}"
        call = f'self._start_operation("{self.operation_id}", {self.result}, {{{media}}}, {sent})'
        prefix = "async " if asynchronous else ""
        lines = [f"    {prefix}def {self.name}({', '.join(parameters)}) -> {self.result}:"]
        lines += [f"        {line}" if line else "" for line in self.docstring()]
        replacement = self.operation.get("x-replaced-by")
        if self.operation.get("deprecated"):
            use = f"; use {snake_case(replacement)}" if replacement else ""
            lines += [
                "        warnings.warn(",
                f'            f"{{type(self).__name__}}.{self.name} calls a deprecated vendor'
                f' endpoint{use}",',
                "            DeprecationWarning,",
                "            stacklevel=_CALLER,",
                "        )",
            ]
        lines.append(f"        return {'await ' if asynchronous else ''}{call}")
        return lines

    def docstring(self) -> list[str]:
        summary = _text(str(self.operation.get("summary", self.operation_id))).rstrip(".")
        kind = self.operation.get("x-conversion-type")
        lines = [f'"""{summary}.' + (f" Type {kind}." if kind else "")]
        if self.operation.get("deprecated"):
            replacement = self.operation.get("x-replaced-by")
            instead = f": use `{snake_case(replacement)}`" if replacement else ""
            lines += ["", f"Deprecated by the vendor (`{self._path()}`){instead}."]
        described = [
            (name, "a path, a binary file object or an http(s) URL") for name in self.media
        ]
        described += [(argument, meaning) for argument, _, _, meaning in self.fields if meaning]
        if described:
            lines.append("")
            lines += [f"`{name}`: {meaning}." for name, meaning in described]
        lines[-1] += '"""'
        return lines

    def _path(self) -> str:
        return str(self.operation["x-path"])


def _success_model(operation: dict[str, Any], spec: Spec) -> str:
    response = operation["responses"]["200"]
    schema = next(iter(response["content"].values()))["schema"]
    ref = str(schema["$ref"])
    return ref.rsplit("/", 1)[-1]


def methods(document: dict[str, Any]) -> list[Method]:
    spec = Spec(document)
    found = []
    for path, item in document["paths"].items():
        for http_method in HTTP_METHODS:
            operation = item.get(http_method)
            if operation and "x-outputs" in operation:
                found.append(Method({**operation, "x-path": path}, spec))
    return sorted(found, key=lambda method: method.name)


def render(document: dict[str, Any], spec_name: str) -> str:
    found = methods(document)
    models = sorted({method.result for method in found})
    options = sorted(_class_name(m.operation_id) for m in found if m.has_options)
    classes = []
    for asynchronous in (False, True):
        name = "AsyncConversionMethods" if asynchronous else "ConversionMethods"
        prefix = "async " if asynchronous else ""
        doc = (
            "The methods of `ConversionMethods`, awaited."
            if asynchronous
            else "A method per operation that starts a task."
        )
        lines = [
            f"class {name}:",
            f'    """{doc}\n    The client class that inherits this provides'
            ' `_start_operation`."""',
            "",
            f"    {prefix}def _start_operation(",
            "        self,",
            "        operation: str,",
            "        result: type[ResultT],",
            "        media: Mapping[str, Media],",
            "        fields: Mapping[str, Any],",
            "    ) -> ResultT:",
            '        """Send `operation` with `fields` and `media` (argument name -> input);'
            ' answer its\n        success body as a `result`."""',
            "        raise NotImplementedError",
        ]
        for method in found:
            lines += ["", *method.render(asynchronous)]
        classes.append("\n".join(lines))
    return (
        f'"""Facade methods of the operations of {spec_name} that start a task: one per\n'
        "operation with `x-outputs`.\n\nGenerated by tools/gen_facade.py: do not edit.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "import warnings\n"
        "from collections.abc import Mapping\n"
        "from os import PathLike\n"
        "from typing import IO, Any, TypeVar, Unpack\n\n"
        f"from .models import {', '.join(models)}\n"
        f"from .options import {', '.join(options)}\n\n"
        '__all__ = ["AsyncConversionMethods", "ConversionMethods", "Media"]\n\n'
        "Media = str | PathLike[str] | IO[bytes]\n"
        '"""A media input: a path, a binary file object or an http(s) URL."""\n'
        'ResultT = TypeVar("ResultT")\n'
        "# A deprecation warning names the caller's line: past the method and the\n"
        "# per-call-options wrapper the client puts around each public method.\n"
        "_CALLER = 3\n\n\n" + "\n\n\n".join(classes) + "\n"
    )


if __name__ == "__main__":
    spec_file, out_file = (Path(arg) for arg in sys.argv[1:3])
    document = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    if methods(document):
        out_file.write_text(render(document, spec_file.name), encoding="utf-8")
