"""Write the request table of a generated client: per operationId, what building its request
takes, as a module inside the client (`requests.py`).

For each operation: its generated endpoint module, its request body model (the model of the
first content type the spec lists) and that model's field names, the models its responses
parse into, each argument's converter (an enum value to its member, a mapping to a nested
model, a list or a date for a string field to JSON or ISO 8601, else the value as it is), and
the arguments that may be left out. The overlay's `CallBuilder` reads this table; nothing is
looked up in type hints or module listings at run time. ``make generate`` runs this after
openapi-python-client:  python tools/gen_requests.py <generated package dir> <requests.py>
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs
from gen_readers import load_package, write_rendered


def _options(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return () if hint is None else (hint,)


class Renderer:
    def __init__(self, package: types.ModuleType) -> None:
        self.package = package
        self.models = importlib.import_module(f"{package.__name__}.models")
        self.types = importlib.import_module(f"{package.__name__}.types")
        self.model_names: set[str] = set()
        self.type_names: set[str] = set()
        self.modules: list[tuple[str, str]] = []  # (relative module, alias)

    def name_of(self, cls: Any) -> str:
        if cls is type(None):
            return "NoneType"
        if cls.__module__.startswith(f"{self.models.__name__}."):
            self.model_names.add(cls.__name__)
            return str(cls.__name__)
        if cls.__module__ == self.types.__name__:
            self.type_names.add(cls.__name__)
            return str(cls.__name__)
        raise SystemExit(f"{self.package.__name__}: cannot name {cls!r} in the request table")

    def converter(self, hint: Any) -> str:
        options = _options(hint)
        for option in options:
            if isinstance(option, type) and issubclass(option, enum.Enum):
                return f"enum_value({self.name_of(option)})"
        models = [o for o in options if attrs.has(o)]
        if models:
            return f"model_value({self.name_of(models[0])})"
        if str in options and list not in options:
            return "text_value"
        return "same_value"

    def endpoint(self, operation: str, module: types.ModuleType, alias: str) -> list[str]:
        local = {**vars(self.models), "Unset": self.types.Unset}
        hints = typing.get_type_hints(module._get_kwargs, localns=local)
        hints.pop("return", None)
        body = next((o for o in _options(hints.pop("body", None)) if attrs.has(o)), None)
        if body is None:
            named = hints
        else:
            namespace = vars(sys.modules[body.__module__])
            field_hints = typing.get_type_hints(body, globalns=namespace, localns=local)
            named = {
                f.name: field_hints[f.name]
                for f in attrs.fields(body)
                if f.name != "additional_properties"
            }
        returned = typing.get_type_hints(module.sync_detailed, localns=local)["return"]
        (parsed,) = typing.get_args(returned)
        results = ", ".join(self.name_of(o) for o in _options(parsed))
        converters = "".join(
            f"\n            {name!r}: {self.converter(hint)}," for name, hint in named.items()
        )
        optional = sorted(n for n, hint in named.items() if type(None) in _options(hint))
        return [
            f"    {operation!r}: Endpoint(",
            f"        operation={operation!r},",
            f"        module={alias},",
            f"        body={self.name_of(body) if body is not None else None},",
            f"        results=({results},),",
            f"        converters={{{converters}\n        }},",
            f"        optional=frozenset({optional!r}),",
            "    ),",
        ]


def _operations(package: types.ModuleType) -> dict[str, tuple[types.ModuleType, str]]:
    """operationId -> (endpoint module, its path under the package). The generator names a
    module after the snake_case of its operationId, in a folder per tag; its `_get_kwargs`
    says which operationId through the path it requests, so the facts module maps them."""
    operations = importlib.import_module(f"{package.__name__}.operations").OPERATIONS
    by_key = {operation_id.lower(): operation_id for operation_id in operations}
    api = importlib.import_module(f"{package.__name__}.api")
    found = {}
    for tag in pkgutil.iter_modules(api.__path__):
        folder = importlib.import_module(f"{api.__name__}.{tag.name}")
        for info in pkgutil.iter_modules(folder.__path__):
            operation_id = by_key[info.name.replace("_", "")]
            module = importlib.import_module(f"{folder.__name__}.{info.name}")
            found[operation_id] = (module, f".api.{tag.name}.{info.name}")
    return dict(sorted(found.items()))


def render(package_dir: Path) -> str:
    package = load_package(package_dir)
    renderer = Renderer(package)
    table: list[str] = []
    imports: list[str] = []
    for operation, (module, path) in _operations(package).items():
        parent, name = path.rsplit(".", 1)
        alias = f"_{name}"
        imports.append(f"from {parent} import {name} as {alias}")
        table += renderer.endpoint(operation, module, alias)
    models = sorted(renderer.model_names)
    type_names = sorted(renderer.type_names)
    return "\n".join(
        [
            f'"""What building each request of the {package_dir.name} client takes, by'
            " operationId.\n\nGenerated by tools/gen_requests.py: do not edit.\n"
            '"""',
            "",
            "from __future__ import annotations",
            "",
            "from backbeat._calls import (",
            "    Endpoint,",
            "    enum_value,",
            "    model_value,",
            "    same_value,",
            "    text_value,",
            ")",
            "",
            *imports,
            *([f"from .models import {', '.join(models)}"] if models else []),
            *([f"from .types import {', '.join(type_names)}"] if type_names else []),
            "",
            "NoneType = type(None)",
            "",
            "ENDPOINTS: dict[str, Endpoint] = {",
            *table,
            "}\n",  # the module's last line
        ]
    )


if __name__ == "__main__":
    write_rendered(render, sys.argv)
