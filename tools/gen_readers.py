"""Write the tolerant readers of a generated client's models, as a module inside the client.

One reader function per model (`read_<model>(value, unknown) -> Model`) checks a decoded JSON
body field by field while it builds the model, in one pass: JSON keys to `__init__` arguments,
nested models through their own readers, enum values through a generated member table (a value
the table does not list is kept as the plain value and appended to `unknown`), date-times and
UUIDs parsed; undocumented keys go to `additional_properties`. A body it cannot build raises
`Mismatch`. Next to each reader, the model's shape as data (`ModelShape`, `Field`, ...) lets the
overlay explain a mismatch, field by field, on the slow path.

Everything here is decided at generation time, from the generated models themselves: their
attrs fields, their type hints and the JSON key each `from_dict` pops. The run time executes
plain Python, imported once under the import lock: no source compiled, read or patched.
``make generate`` runs this after openapi-python-client:
    python tools/gen_readers.py <generated package dir> <readers.py>
"""

from __future__ import annotations

import datetime
import enum
import importlib.util
import inspect
import re
import sys
import types
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs

JSON_NAMES = {str: "str", int: "int", float: "float", bool: "bool", dict: "dict", list: "list"}
# The Python types each JSON value decodes to: a float field also takes an int.
ACCEPTED: dict[Any, tuple[str, ...]] = {
    str: ("str",),
    int: ("int",),
    float: ("float", "int"),
    bool: ("bool",),
    type(None): ("NoneType",),
    None: ("NoneType",),
    dict: ("dict",),
    list: ("list",),
}
PARSERS = {
    datetime.datetime: ("datetime.datetime.fromisoformat", "datetime"),
    datetime.date: ("datetime.date.fromisoformat", "date"),
    uuid.UUID: ("uuid.UUID", "UUID"),
}
# `_created_at = d.pop("createdAt", UNSET)` or `tier = Tier(d.pop("tier"))`: the generator names
# the local after the attribute and pops the JSON key. Read here, once, at generation time.
_POP = re.compile(r"^\s*_?(\w+)\s*=.*?\bd\.pop\(\"((?:[^\"\\]|\\.)*)\"", re.MULTILINE)


# --- shapes, as the generator sees them ----------------------------------------------------


@dataclass(frozen=True)
class Plain:
    """A JSON value of one of these Python types, taken as it is."""

    accepted: tuple[str, ...]  # sorted type names


@dataclass(frozen=True)
class Parsed:
    """A string the generated model parses (`parser`: a date, a UUID...)."""

    parser: str
    name: str


@dataclass(frozen=True)
class Choice:
    """One of the listed values (an enum's, or a `Literal`'s)."""

    values: tuple[Any, ...]
    name: str
    enum: type[enum.Enum] | None = None


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class OneOf:
    options: tuple[Any, ...]


@dataclass(frozen=True)
class Model:
    cls: type


@dataclass(frozen=True)
class Anything:
    pass


@dataclass
class ModelInfo:
    cls: type
    # (json key, init argument, required, shape)
    fields: list[tuple[str, str, bool, Any]] = field(default_factory=list)
    keeps_unknown_keys: bool = False


def load_package(directory: Path) -> types.ModuleType:
    """The generated package in `directory`, imported under a private name (it only uses
    relative imports, so it works wherever it is)."""
    name = "_backbeat_generating_" + directory.name
    spec = importlib.util.spec_from_file_location(
        name, directory / "__init__.py", submodule_search_locations=[str(directory)]
    )
    assert spec is not None
    assert spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package


def _union_options(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(o for option in typing.get_args(hint) for o in _union_options(option))
    return (hint,)


def _nullable(cls: type, name: str) -> bool:
    """Whether the generated annotation (a string: the models use postponed evaluation)
    names None itself, apart from `Unset`."""
    written = str(cls.__annotations__.get(name, ""))
    return "None" in (part.strip() for part in written.split("|"))


def _is_unset(hint: Any) -> bool:
    """openapi-python-client's own sentinel class (our templates make it None instead)."""
    return getattr(hint, "__name__", None) == "Unset"


class Shapes:
    def __init__(self, models: types.ModuleType) -> None:
        self.models = models
        self.infos: dict[type, ModelInfo] = {}
        self.enums: dict[type[enum.Enum], None] = {}

    def is_model(self, cls: object) -> bool:
        return (
            isinstance(cls, type)
            and attrs.has(cls)
            and cls.__module__.startswith(self.models.__name__ + ".")
        )

    def model(self, cls: type) -> ModelInfo:
        info = self.infos.get(cls)
        if info is None:
            info = self.infos[cls] = ModelInfo(cls)  # before the fields: recursion ends here
            namespace = vars(sys.modules[cls.__module__])
            hints = typing.get_type_hints(cls, globalns=namespace, localns=vars(self.models))
            keys = _json_keys(cls)
            for f in attrs.fields(cls):
                if f.name == "additional_properties":
                    info.keeps_unknown_keys = True
                    continue
                # A field with a default may be absent (optional). `Unset` is None (see
                # gen/templates/types.py.jinja), so whether JSON null is allowed is read from
                # the annotation as written: `X | None | Unset` is nullable, `X | Unset` not.
                options = tuple(o for o in _union_options(hints[f.name]) if not _is_unset(o))
                required = f.default is attrs.NOTHING
                if any(isinstance(o, type) and issubclass(o, enum.Enum) for o in options):
                    # `TheEnum | str` (gen/templates/model.py.jinja): the `str` is the
                    # tolerance for unlisted values, which the enum reader gives; the shape
                    # is the enum's, so such a value is still noted (and refused if strict).
                    options = tuple(o for o in options if o is not str)
                if not required and not _nullable(cls, f.name):
                    options = tuple(o for o in options if o is not type(None))
                info.fields.append(
                    (keys.get(f.name, f.name), f.alias or f.name, required, self.shape_of(options))
                )
        return info

    def shape_of(self, options: tuple[Any, ...]) -> Any:
        if len(options) > 1:
            plain = sorted({t for o in options if o in ACCEPTED for t in ACCEPTED[o]})
            others = [self.shape_of((o,)) for o in options if o not in ACCEPTED]
            shapes = ([Plain(tuple(plain))] if plain else []) + others
            return shapes[0] if len(shapes) == 1 else OneOf(tuple(shapes))
        (hint,) = options
        if hint in ACCEPTED:
            return Plain(ACCEPTED[hint] if hint is not float else ("float", "int"))
        origin = typing.get_origin(hint)
        if origin is list:
            (item,) = typing.get_args(hint) or (Any,)
            return ListOf(self.shape_of(_union_options(item)))
        if origin is typing.Literal:
            return Choice(tuple(typing.get_args(hint)), "literal")
        if origin is dict or origin is typing.Mapping:
            return Plain(("dict",))
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            self.enums[hint] = None
            return Choice(tuple(m.value for m in hint), hint.__name__, hint)
        if self.is_model(hint):
            self.model(hint)
            return Model(hint)
        if hint in PARSERS:
            return Parsed(*PARSERS[hint])
        return Anything()


def _json_keys(cls: type) -> dict[str, str]:
    source = inspect.getsource(cls.from_dict)  # type: ignore[attr-defined]
    names = {f.name for f in attrs.fields(cls)}
    return {attr: key for attr, key in _POP.findall(source) if attr in names}


# --- rendering ------------------------------------------------------------------------------


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def reader_name(cls: type) -> str:
    return f"read_{snake(cls.__name__)}"


def enum_reader_name(cls: type) -> str:
    return f"_read_{snake(cls.__name__)}"


def _kinds(values: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(sorted({type(v).__name__ for v in values}))


def _types_literal(names: tuple[str, ...]) -> str:
    return "frozenset({" + ", ".join(names) + "})"


def _values_literal(values: tuple[Any, ...]) -> str:
    return "frozenset({" + ", ".join(repr(v) for v in sorted(values, key=repr)) + "})"


def shape_source(shape: Any) -> str:
    """The shape as the run time's data (backbeat._validation), for explaining a mismatch."""
    if isinstance(shape, Plain):
        return f"Plain({_types_literal(shape.accepted)})"
    if isinstance(shape, Parsed):
        return f"Parsed({shape.parser}, {shape.name!r})"
    if isinstance(shape, Choice):
        return f"Choice({_values_literal(shape.values)}, {shape.name!r})"
    if isinstance(shape, ListOf):
        return f"ListOf({shape_source(shape.item)})"
    if isinstance(shape, OneOf):
        return "OneOf((" + ", ".join(shape_source(o) for o in shape.options) + ",))"
    if isinstance(shape, Model):
        return f"SHAPES[{shape.cls.__name__}]"
    return "ANYTHING"


class Renderer:
    """Reader functions as source text. `constants` collects module-level constants."""

    def __init__(self) -> None:
        self.constants: dict[str, str] = {}

    def constant(self, prefix: str, source: str) -> str:
        for name, known in self.constants.items():
            if known == source:
                return name
        name = f"_{prefix}{len(self.constants)}"
        self.constants[name] = source
        return name

    def test(self, shape: Any, name: str) -> str | None:
        """A boolean expression: does variable `name` have `shape`? None: it takes a call."""
        if isinstance(shape, Plain):
            if shape.accepted == ("NoneType",):
                return f"{name} is None"
            if len(shape.accepted) == 1:
                return f"type({name}) is {shape.accepted[0]}"
            return f"type({name}) in {self.constant('T', _types_literal(shape.accepted))}"
        if isinstance(shape, Choice):
            kinds = self.constant("K", _types_literal(_kinds(shape.values)))
            values = self.constant("V", _values_literal(shape.values))
            return f"(type({name}) in {kinds} and {name} in {values})"
        if isinstance(shape, Anything):
            return "True"
        return None

    def check_lines(self, shape: Any, name: str) -> list[str]:
        """Lines that raise Mismatch unless `name` has `shape` (a value kept as it is)."""
        test = self.test(shape, name)
        if test is not None:
            return [] if test == "True" else [f"if not ({test}):", "    raise Mismatch"]
        if isinstance(shape, ListOf):
            inner = self.test(shape.item, f"{name}_")
            if inner is not None:
                return [
                    f"if type({name}) is not list:",
                    "    raise Mismatch",
                    f"for {name}_ in {name}:",
                    f"    if not ({inner}):",
                    "        raise Mismatch",
                ]
        checked = self.constant("S", shape_source(shape))
        return [f"if not {checked}.check({name}):", "    raise Mismatch"]

    def build_lines(self, shape: Any, name: str, target: str) -> list[str]:
        """Lines that check variable `name` and set `target` to what the model holds."""
        if isinstance(shape, Parsed):
            return [
                f"if type({name}) is not str:",
                "    raise Mismatch",
                f"{target} = {shape.parser}({name})",
            ]
        if isinstance(shape, Choice) and shape.enum is not None:
            return [f"{target} = {enum_reader_name(shape.enum)}({name}, unknown)"]
        if isinstance(shape, Model):
            return [f"{target} = {reader_name(shape.cls)}({name}, unknown)"]
        if isinstance(shape, ListOf) and _converts(shape.item):
            item = self.build_lines(shape.item, f"{name}_", f"{name}_built")
            return [
                f"if type({name}) is not list:",
                "    raise Mismatch",
                f"{target} = []",
                f"for {name}_ in {name}:",
                *("    " + line for line in item),
                f"    {target}.append({name}_built)",
            ]
        if isinstance(shape, OneOf) and any(_converts(o) for o in shape.options):
            # The first option the value fits wins: plain values are tested, the rest tried.
            lines: list[str] = []
            *first, last = shape.options
            for option in first:
                test = None if _converts(option) else self.test(option, name)
                if test is not None:
                    lines += [f"if {test}:", f"    {target} = {name}", "else:"]
                else:
                    lines += ["try:"]
                    lines += ["    " + line for line in self.build_lines(option, name, target)]
                    lines += ["except Mismatch:"]
            return _nested([*lines, *self.build_lines(last, name, target)])
        return [*self.check_lines(shape, name), f"{target} = {name}"]

    def reader(self, info: ModelInfo) -> list[str]:
        cls = info.cls.__name__
        lines = [
            f"def {reader_name(info.cls)}(value: Any, unknown: list[object]) -> {cls}:",
            f'    """A `{cls}` built from a decoded body; `Mismatch` when it cannot be."""',
            "    if type(value) is not dict:",
            "        raise Mismatch",
            "    get = value.get",
        ]
        arguments = []
        for index, (key, alias, required, shape) in enumerate(info.fields):
            target = f"f{index}"
            convert = self.build_lines(shape, "v", target)
            lines.append(f"    v = get({key!r}, MISSING)")
            if required:
                lines += ["    if v is MISSING:", "        raise Mismatch"]
                lines += ["    " + line for line in convert]
            else:
                lines += ["    if v is MISSING:", f"        {target} = UNSET", "    else:"]
                lines += ["        " + line for line in convert]
            arguments.append(f"{alias}={target}")
        lines.append(f"    built = {cls}({', '.join(arguments)})")
        if info.keeps_unknown_keys:
            known = self.constant(
                "KEYS", "frozenset({" + ", ".join(repr(k) for k, *_ in info.fields) + "})"
            )
            lines += [
                f"    if not {known}.issuperset(value):",
                f"        built.additional_properties = {{k: x for k, x in value.items()"
                f" if k not in {known}}}",
            ]
        lines.append("    return built")
        return lines


def _converts(shape: Any) -> bool:
    """Whether the model holds something other than the JSON value itself."""
    if isinstance(shape, Parsed | Model):
        return True
    if isinstance(shape, Choice):
        return shape.enum is not None
    if isinstance(shape, ListOf):
        return _converts(shape.item)
    if isinstance(shape, OneOf):
        return any(_converts(o) for o in shape.options)
    return False


def _nested(lines: list[str]) -> list[str]:
    """if/else and try/except chains written flat: each `else:`/`except` indents the rest."""
    out: list[str] = []
    depth = 0
    for line in lines:
        out.append("    " * depth + line)
        if line in ("else:", "except Mismatch:"):
            depth += 1
    return out


def enum_reader(cls: type[enum.Enum]) -> list[str]:
    kinds = _kinds(tuple(m.value for m in cls))
    members = ", ".join(f"{m.value!r}: {cls.__name__}.{m.name}" for m in cls)
    table = f"_{snake(cls.__name__).upper()}_MEMBERS"
    kind_test = (
        f"type(value) is {kinds[0]}"
        if len(kinds) == 1
        else f"type(value) in {_types_literal(kinds)}"
    )
    return [
        f"{table}: dict[Any, {cls.__name__}] = {{{members}}}",
        "",
        "",
        f"def {enum_reader_name(cls)}(value: Any, unknown: list[object]) -> Any:",
        f'    """The `{cls.__name__}` member of `value`; a value the spec does not list stays'
        ' the plain\n    value, noted in `unknown`."""',
        f"    if not ({kind_test}):",
        "        raise Mismatch",
        f"    member = {table}.get(value)",
        "    if member is None:",
        "        unknown.append(value)",
        "        return value",
        "    return member",
    ]


def walk(models: types.ModuleType) -> Shapes:
    shapes = Shapes(models)
    for name in sorted(models.__all__):
        cls = getattr(models, name)
        if shapes.is_model(cls):
            shapes.model(cls)
    return shapes


def render(package_dir: Path) -> str:
    package = load_package(package_dir)
    models = importlib.import_module(f"{package.__name__}.models")
    shapes = walk(models)
    infos = sorted(shapes.infos.values(), key=lambda info: info.cls.__name__)
    renderer = Renderer()
    readers = [renderer.reader(info) for info in infos]
    enums = sorted(shapes.enums, key=lambda cls: cls.__name__)
    shape_lines = ["SHAPES: dict[type, ModelShape] = {"]
    shape_lines += [f"    {info.cls.__name__}: ModelShape({info.cls.__name__})," for info in infos]
    shape_lines.append("}")
    for info in infos:
        fields = "".join(
            f"\n    Field({key!r}, {alias!r}, {required}, {shape_source(shape)}),"
            for key, alias, required, shape in info.fields
        )
        shape_lines.append(f"SHAPES[{info.cls.__name__}].fields = ({fields}\n)")
    constants = [f"{name} = {source}" for name, source in renderer.constants.items()]
    table = ["READERS: dict[type, Reader] = {"]
    table += [f"    {info.cls.__name__}: {reader_name(info.cls)}," for info in infos]
    table.append("}")
    imported = sorted({info.cls.__name__ for info in infos} | {cls.__name__ for cls in enums})
    return "\n".join(
        [
            f'"""Tolerant readers of the {package_dir.name} models: one function per model, and'
            " each\nmodel's shape as data (to explain a mismatch). See tools/gen_readers.py.\n\n"
            'Generated by tools/gen_readers.py: do not edit.\n"""',
            "",
            "from __future__ import annotations",
            "",
            "import datetime",
            "import uuid",
            "from collections.abc import Callable",
            "from typing import Any",
            "",
            "from backbeat._validation import (",
            "    ANYTHING,",
            "    MISSING,",
            "    Choice,",
            "    Field,",
            "    ListOf,",
            "    Mismatch,",
            "    ModelShape,",
            "    OneOf,",
            "    Parsed,",
            "    Plain,",
            ")",
            "",
            f"from .models import {', '.join(imported)}",
            "from .types import UNSET",
            "",
            "NoneType = type(None)",
            "Reader = Callable[[Any, list[object]], Any]",
            "",
            *shape_lines,
            "",
            *constants,
            "",
            "",
            "\n\n\n".join("\n".join(lines) for lines in [*map(enum_reader, enums), *readers]),
            "",
            "",
            *table,
            "",
            "__all__ = ['READERS', 'SHAPES']",
            "",
        ]
    )


def write_rendered(render_package: Callable[[Path], str], argv: list[str]) -> None:
    """`python tools/<generator>.py PACKAGE_DIR OUT`: OUT, rendered from the generated package
    in PACKAGE_DIR."""
    package_dir, out = Path(argv[1]), Path(argv[2])
    out.write_text(render_package(package_dir), encoding="utf-8")


if __name__ == "__main__":
    write_rendered(render, sys.argv)
