"""Read a decoded success body into the generated model its operation promises.

Each model class gets one compiled `ModelShape` (built once, from the model's annotations and
its `from_dict`'s JSON keys): a `check` (is this body the model?) and a `build`, Python
source generated per model that checks each field inline while it builds the model, in one
pass, as the generated `from_dict` would build it (which itself copies values without
checking their types). `from_dict` remains the fallback for a model `build` cannot compile.

Reading is tolerant unless asked to be strict. A body that only *adds* to the spec reads:
unknown fields stay in each model's `additional_properties`, and an enum value the spec does
not list reads as the plain string. A body the client cannot use (a required field missing,
a wrong type where a value is needed) is an `UnreadableBody` either way; under `strict=True`
so is an unlisted enum value.

Only a body that fails the fast pass, or holds an unlisted value, is walked again, slowly,
to say what is wrong and where (`Shape.problems`).
"""

from __future__ import annotations

import contextvars
import datetime
import enum
import inspect
import re
import sys
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import attrs

__all__ = ["BodyReader", "UnknownValue", "UnreadableBody"]

ModelT = TypeVar("ModelT")
Check = Callable[[object], bool]
_MISSING = object()
# Each JSON value decodes to exactly one of these, so `type(value) in accepted` is the check
# (and a bool is never mistaken for an int).
JSON_TYPES: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int}),
    float: frozenset({int, float}),
    bool: frozenset({bool}),
    type(None): frozenset({type(None)}),
    None: frozenset({type(None)}),
    dict: frozenset({dict}),
    list: frozenset({list}),
}
TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    dict: "an object",
    list: "an array",
}


# How the generated `from_dict` turns a string into the value a model holds.
PARSERS: dict[Any, Callable[[str], object]] = {
    datetime.datetime: datetime.datetime.fromisoformat,
    datetime.date: datetime.date.fromisoformat,
    uuid.UUID: uuid.UUID,
}


class UnreadableBody(Exception):
    """The body cannot be read as the model; `problem` says where and why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class UnknownValue:
    """An enum value the spec does not list, at `field` (e.g. `SearchResponse.tracks[].energy`)."""

    field: str
    value: object


# --- shapes: what a JSON value must look like, compiled once per model class -------------


class Shape:
    check: Check

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        """(where, description) of each problem; an `UnknownValue` for an unlisted enum value."""
        if not self.check(value):
            yield where, f"expected {self.describe()}, got {_json_type_name(value)}"

    def describe(self) -> str:
        raise NotImplementedError


class Anything(Shape):
    def __init__(self) -> None:
        self.check = _accept

    def describe(self) -> str:
        return "any value"


class Plain(Shape):
    def __init__(self, accepted: frozenset[type]) -> None:
        self.accepted = accepted

        def check(value: object) -> bool:
            return type(value) in accepted

        self.check = check

    def describe(self) -> str:
        return " or ".join(sorted(TYPE_NAMES.get(t, t.__name__) for t in self.accepted))


class Parsed(Plain):
    """A string the model holds parsed (a date-time, a date, a UUID)."""

    def __init__(self, parse: Callable[[str], object], name: str) -> None:
        super().__init__(frozenset({str}))
        self.parse = parse
        self.name = name

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        if not self.check(value):
            yield where, f"expected {self.describe()}, got {_json_type_name(value)}"
            return
        try:
            self.parse(typing.cast(str, value))
        except (ValueError, TypeError):
            yield where, f"expected {self.describe()}, got {typing.cast(str, value)[:40]!r}"

    def describe(self) -> str:
        return f"a {self.name} string"


class Choice(Shape):
    """A closed set of values: a generated enum (`enum_cls`), or a `Literal`."""

    def __init__(
        self, values: frozenset[object], name: str, enum_cls: type[enum.Enum] | None = None
    ) -> None:
        self.values = values
        self.name = name
        self.enum_cls = enum_cls
        kinds = frozenset(type(v) for v in values)

        def check(value: object) -> bool:
            return type(value) in kinds and value in values

        self.check = check
        self.kinds = kinds

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        if self.check(value):
            return
        if type(value) in self.kinds:
            yield where, UnknownValue(where, value)
        else:
            yield where, f"expected {self.describe()}, got {_json_type_name(value)}"

    def describe(self) -> str:
        listed = ", ".join(repr(v) for v in sorted(self.values, key=str))
        return f"one of the {self.name} values ({listed})"


class ListOf(Shape):
    def __init__(self, item: Shape) -> None:
        self.item = item

        def check(value: object) -> bool:
            return type(value) is list and all(map(item.check, value))

        self.check = check

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        if type(value) is not list:
            yield where, f"expected an array, got {_json_type_name(value)}"
            return
        for item in value:
            yield from self.item.problems(item, f"{where}[]")

    def describe(self) -> str:
        return "an array"


class OneOf(Shape):
    def __init__(self, options: tuple[Shape, ...]) -> None:
        self.options = options
        checks = tuple(option.check for option in options)

        def check(value: object) -> bool:
            for option in checks:  # noqa: SIM110 - no generator on the hot path
                if option(value):
                    return True
            return False

        self.check = check

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        if self.check(value):
            return
        # The option with the fewest hard problems is the one the server meant.
        found = [list(option.problems(value, where)) for option in self.options]
        best = min(found, key=lambda ps: (sum(isinstance(p, str) for _, p in ps), len(ps)))
        yield from best or [(where, f"expected {self.describe()}")]

    def describe(self) -> str:
        return " or ".join(option.describe() for option in self.options)


@dataclass(frozen=True)
class Field:
    key: str
    alias: str  # the model's `__init__` argument
    required: bool
    shape: Shape


class ModelShape(Shape):
    """An object whose documented keys each hold their shape; other keys may appear.

    Its check is generated Python source, compiled once: straight-line type tests with no
    call per plain field, since it runs on every field of every response."""

    def __init__(self, model: type) -> None:
        self.model = model
        self.fields: tuple[Field, ...] = ()
        # (body, unknown) -> model: checks and builds in one pass, raising `Mismatch` on a
        # body it cannot build, and appending unlisted enum values to `unknown`; None when a
        # field needs the generated `from_dict` (a union of several models, say).
        self.build: Callable[[object, list[object]], object] | None = None
        # A model may contain itself: until its fields are compiled, checks that reach it
        # go through this attribute.
        self.check = lambda value: self.check(value)

    def set_fields(self, fields: tuple[Field, ...]) -> None:
        self.fields = fields
        namespace: dict[str, object] = {"MISSING": _MISSING}
        lines = ["def check(value):", "    if type(value) is not dict:", "        return False"]
        lines.append("    get = value.get")
        for f in fields:
            lines.append(f"    v = get({f.key!r}, MISSING)")
            if f.required:
                lines += ["    if v is MISSING:", "        return False"]
                lines += _test_lines(f.shape, "v", "    ", namespace)
            else:
                lines.append("    if v is not MISSING:")
                lines += _test_lines(f.shape, "v", "        ", namespace)
        lines.append("    return True")
        exec("\n".join(lines), namespace)
        self.check = typing.cast(Check, namespace["check"])
        self.build = _compiled_builder(self)

    def problems(self, value: object, where: str) -> Iterator[tuple[str, str | UnknownValue]]:
        if type(value) is not dict:
            yield where, f"expected {self.describe()}, got {_json_type_name(value)}"
            return
        for f in self.fields:
            at = f"{where}.{f.key}"
            if f.key not in value:
                if f.required:
                    yield at, "a required field is missing"
            else:
                yield from f.shape.problems(value[f.key], at)

    def describe(self) -> str:
        return f"a {self.model.__name__} object"


def _test_lines(shape: Shape, name: str, indent: str, namespace: dict[str, object]) -> list[str]:
    """Source lines that `return False` unless variable `name` has `shape`."""
    test = _inline_test(shape, name, namespace)
    if test is not None:
        return [f"{indent}if not ({test}):", f"{indent}    return False"]
    if isinstance(shape, ListOf):
        item = f"{name}_"
        inner = _inline_test(shape.item, item, namespace)
        if inner is not None:
            return [
                f"{indent}if type({name}) is not list:",
                f"{indent}    return False",
                f"{indent}for {item} in {name}:",
                f"{indent}    if not ({inner}):",
                f"{indent}        return False",
            ]
    constant = f"S{len(namespace)}"
    namespace[constant] = shape
    return [f"{indent}if not {constant}.check({name}):", f"{indent}    return False"]


def _inline_test(shape: Shape, name: str, namespace: dict[str, object]) -> str | None:
    """A boolean expression testing variable `name`, or None when it takes a call."""
    if isinstance(shape, Plain):
        if len(shape.accepted) == 1:
            (only,) = shape.accepted
            constant = f"T{len(namespace)}"
            namespace[constant] = only
            return f"type({name}) is {constant}"
        constant = f"A{len(namespace)}"
        namespace[constant] = shape.accepted
        return f"type({name}) in {constant}"
    if isinstance(shape, Choice):
        kinds, values = f"K{len(namespace)}", f"V{len(namespace)}"
        namespace[kinds] = shape.kinds
        namespace[values] = shape.values
        return f"(type({name}) in {kinds} and {name} in {values})"
    if isinstance(shape, Anything):
        return "True"
    return None


class Mismatch(Exception):
    """Raised by a compiled builder: the body is not what the model needs (see `problems`)."""


_MISMATCH = Mismatch()


def _compiled_builder(shape: ModelShape) -> Callable[[object, list[object]], object] | None:
    """`shape.model` built from a body in one pass, as its `from_dict` would build it: JSON
    keys to init arguments, nested models, enum members (an unlisted value stays the plain
    value, and is noted), parsed date-times; unknown keys into `additional_properties`."""
    namespace: dict[str, object] = {"MISSING": _MISSING, "M": _MISMATCH, "UNSET": _unset_of(shape)}
    namespace["MODEL"] = shape.model
    lines = ["def build(value, unknown):", "    if type(value) is not dict:", "        raise M"]
    lines.append("    get = value.get")
    arguments = []
    for index, f in enumerate(shape.fields):
        target = f"f{index}"
        convert = _build_lines(f.shape, "v", target, namespace)
        if convert is None:
            return None
        lines.append(f"    v = get({f.key!r}, MISSING)")
        if f.required:
            lines += ["    if v is MISSING:", "        raise M"]
            lines += ["    " + line for line in convert]
        else:
            lines += ["    if v is MISSING:", f"        {target} = UNSET", "    else:"]
            lines += ["        " + line for line in convert]
        arguments.append(f"{f.alias}={target}")
    lines.append(f"    built = MODEL({', '.join(arguments)})")
    if _keeps_unknown_keys(shape.model):
        namespace["KNOWN"] = frozenset(f.key for f in shape.fields)
        lines += [
            "    if not KNOWN.issuperset(value):",
            "        extra = {k: x for k, x in value.items() if k not in KNOWN}",
            "        built.additional_properties = extra",
        ]
    lines.append("    return built")
    exec("\n".join(lines), namespace)
    return typing.cast(Callable[[object, list[object]], object], namespace["build"])


def _keeps_unknown_keys(model: type) -> bool:
    return any(f.name == "additional_properties" for f in attrs.fields(typing.cast(Any, model)))


def _unset_of(shape: ModelShape) -> object:
    """The generated package's UNSET (the default of its optional fields)."""
    for f in attrs.fields(typing.cast(Any, shape.model)):
        if f.default is not attrs.NOTHING and type(f.default).__name__ == "Unset":
            return f.default
    return None


def _build_lines(
    shape: Shape, name: str, target: str, namespace: dict[str, object]
) -> list[str] | None:
    """Lines that check variable `name` and set `target` to what the model holds, raising
    `M` when the value does not fit; None when the shape takes the generated parsing."""
    if isinstance(shape, Parsed):
        constant = f"P{len(namespace)}"
        namespace[constant] = shape.parse
        return [f"if type({name}) is not str:", "    raise M", f"{target} = {constant}({name})"]
    if isinstance(shape, Choice) and shape.enum_cls is not None:
        constant = f"E{len(namespace)}"
        namespace[constant] = _enum_converter(shape)
        return [f"{target} = {constant}({name}, unknown)"]
    if isinstance(shape, ModelShape):
        constant = f"R{len(namespace)}"
        namespace[constant] = shape
        return [f"{target} = {constant}.build({name}, unknown)"]
    if isinstance(shape, ListOf):
        item = _build_lines(shape.item, f"{name}_", f"{name}_built", namespace)
        if item is None:
            return None
        if isinstance(shape.item, ModelShape | Parsed) or (
            isinstance(shape.item, Choice) and shape.item.enum_cls is not None
        ):
            return [
                f"if type({name}) is not list:",
                "    raise M",
                f"{target} = []",
                f"for {name}_ in {name}:",
                *("    " + line for line in item),
                f"    {target}.append({name}_built)",
            ]
        return [*_raising(_test_lines(shape, name, "", namespace)), f"{target} = {name}"]
    if isinstance(shape, OneOf):
        plain = [o for o in shape.options if type(o) is Plain]
        others = [o for o in shape.options if type(o) is not Plain]
        if len(plain) > 1 or len(others) > 1:
            return None
        if not others:
            return [*_raising(_test_lines(shape, name, "", namespace)), f"{target} = {name}"]
        rest = _build_lines(others[0], name, target, namespace)
        if rest is None:
            return None
        if not plain:
            return rest
        test = _inline_test(plain[0], name, namespace)
        return [f"if {test}:", f"    {target} = {name}", "else:", *("    " + line for line in rest)]
    if isinstance(shape, Plain | Choice | Anything):
        return [*_raising(_test_lines(shape, name, "", namespace)), f"{target} = {name}"]
    return None


def _raising(lines: list[str]) -> list[str]:
    """`_test_lines` (which return False) for a builder (which raises)."""
    return [line.replace("return False", "raise M") for line in lines]


def _enum_converter(shape: Choice) -> Callable[[object, list[object]], object]:
    assert shape.enum_cls is not None
    members = {member.value: member for member in shape.enum_cls}
    kinds = shape.kinds

    def convert(value: object, unknown: list[object]) -> object:
        if type(value) not in kinds:
            raise _MISMATCH
        member = members.get(value, _MISSING)
        if member is _MISSING:
            unknown.append(value)
            return value
        return member

    return convert


def _accept(value: object) -> bool:
    return True


def _json_type_name(value: object) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


# --- compiling shapes from the generated models --------------------------------------------


class ShapeCompiler:
    """Shapes of one generated `models` package, compiled on first use and kept."""

    def __init__(self, models: types.ModuleType) -> None:
        self._models = models
        self._shapes: dict[Any, Shape] = {}
        self.enums: set[type[enum.Enum]] = set()

    def model(self, cls: type) -> ModelShape:
        shape = self._shapes.get(cls)
        if shape is None:
            shape = self._shapes[cls] = ModelShape(cls)
            shape.set_fields(self._fields(cls))  # after registering: recursion ends here
        assert isinstance(shape, ModelShape)
        return shape

    def _fields(self, cls: type) -> tuple[Field, ...]:
        namespace = vars(sys.modules[cls.__module__])
        hints = typing.get_type_hints(cls, globalns=namespace, localns=vars(self._models))
        keys = _json_keys(cls)
        return tuple(
            Field(keys.get(f.name, f.name), f.alias or f.name, required, self.shape_of(hint))
            for f in attrs.fields(cls)
            if f.name != "additional_properties" and f.name in hints
            for hint, required in [_without_unset(hints[f.name])]
        )

    def shape_of(self, hint: Any) -> Shape:
        options = _union_options(hint)
        if len(options) > 1:
            plain = [o for o in options if o in JSON_TYPES]
            others = [self.shape_of(o) for o in options if o not in JSON_TYPES]
            accepted = frozenset(t for o in plain for t in JSON_TYPES[o])
            shapes = ([Plain(accepted)] if accepted else []) + others
            return shapes[0] if len(shapes) == 1 else OneOf(tuple(shapes))
        if hint in JSON_TYPES:
            return Plain(JSON_TYPES[hint])
        origin = typing.get_origin(hint)
        if origin is list:
            (item,) = typing.get_args(hint) or (Any,)
            return ListOf(self.shape_of(item))
        if origin is typing.Literal:
            return Choice(frozenset(typing.get_args(hint)), "literal")
        if origin is dict or origin is typing.Mapping:
            return Plain(frozenset({dict}))
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            self.enums.add(hint)
            return Choice(frozenset(member.value for member in hint), hint.__name__, hint)
        if isinstance(hint, type) and _is_model(hint, self._models):
            return self.model(hint)
        parse = PARSERS.get(hint)
        if parse is not None:
            return Parsed(parse, hint.__name__)
        return Anything()


def _union_options(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(o for option in typing.get_args(hint) for o in _union_options(option))
    return (hint,)


def _without_unset(hint: Any) -> tuple[Any, bool]:
    """The hint less the generated `Unset` option, and whether the field is required."""
    options = _union_options(hint)
    kept = tuple(o for o in options if getattr(o, "__name__", None) != "Unset")
    if len(kept) == len(options):
        return hint, True
    return (kept[0] if len(kept) == 1 else typing.Union[kept]), False  # noqa: UP007


def _is_model(cls: type, models: types.ModuleType) -> bool:
    return attrs.has(cls) and cls.__module__.startswith(models.__name__ + ".")


# `_created_at = d.pop("createdAt", UNSET)` or `tier = Tier(d.pop("tier"))`: the generator names
# the local after the attribute and pops the JSON key.
_POP = re.compile(r"^\s*_?(\w+)\s*=.*?\bd\.pop\(\"((?:[^\"\\]|\\.)*)\"", re.MULTILINE)


def _json_keys(cls: type) -> dict[str, str]:
    """Attribute name -> JSON key, read from the generated `from_dict` (keys may be camelCase)."""
    try:
        source = inspect.getsource(cls.from_dict)  # type: ignore[attr-defined]
    except (OSError, TypeError, AttributeError):
        return {}
    names = {f.name for f in attrs.fields(cls)}
    return {attr: key for attr, key in _POP.findall(source) if attr in names}


# --- reading --------------------------------------------------------------------------------

# Set while a tolerant read runs `from_dict`: the generated enums then accept unlisted values.
_TOLERATING: contextvars.ContextVar[bool] = contextvars.ContextVar("tolerating", default=False)
_PATCHED: set[type[enum.Enum]] = set()


def _tolerate_unknown_values(cls: type[enum.Enum]) -> None:
    """Let `cls(value)` return a stand-in member for an unlisted value during a tolerant read
    (and only then); `_plain_values` replaces each stand-in with the plain value afterwards."""
    if cls in _PATCHED or "_missing_" in vars(cls):
        return

    def _missing_(enum_cls: type[enum.Enum], value: object) -> enum.Enum | None:
        if not _TOLERATING.get():
            return None
        base = enum_cls._member_type_  # type: ignore[attr-defined]
        stand_in = object.__new__(enum_cls) if base is object else base.__new__(enum_cls, value)
        stand_in._name_ = None
        stand_in._value_ = value
        return typing.cast(enum.Enum, stand_in)

    cls._missing_ = classmethod(_missing_)  # type: ignore[assignment,method-assign]
    _PATCHED.add(cls)


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum) and getattr(value, "_name_", "") is None:
        return value.value
    if isinstance(value, list):
        value[:] = [_plain(item) for item in value]
    elif attrs.has(type(value)):
        for f in attrs.fields(typing.cast(Any, type(value))):
            current = getattr(value, f.name)
            replaced = _plain(current)
            if replaced is not current:
                setattr(value, f.name, replaced)
    return value


class BodyReader:
    """Reads decoded success bodies into the models of one generated package."""

    def __init__(self, models: types.ModuleType) -> None:
        self._compiler = ShapeCompiler(models)
        self._models = models
        self._is_model: dict[object, bool] = {}

    def is_model(self, cls: object) -> bool:
        known = self._is_model.get(cls)
        if known is None:
            known = self._is_model[cls] = isinstance(cls, type) and _is_model(cls, self._models)
        return known

    def read(
        self, model: type[ModelT], data: object, *, strict: bool
    ) -> tuple[ModelT, tuple[UnknownValue, ...]]:
        """The model, and the unlisted enum values it tolerated (always none when strict)."""
        shape = self._compiler.model(model)
        build = shape.build
        if build is None:
            return self._read_with_from_dict(shape, data, strict=strict)
        noted: list[object] = []
        try:
            built = build(data, noted)
        except (Mismatch, ValueError, TypeError):
            raise UnreadableBody(self._explained(shape, data, strict=True)) from None
        if not noted:
            return typing.cast(ModelT, built), ()
        unknown = self._unknown(shape, data)
        if strict:
            raise UnreadableBody(self._explained(shape, data, strict=True))
        return typing.cast(ModelT, built), unknown

    def _read_with_from_dict(
        self, shape: ModelShape, data: object, *, strict: bool
    ) -> tuple[Any, tuple[UnknownValue, ...]]:
        model: Any = shape.model
        if shape.check(data):
            return model.from_dict(data), ()
        unknown = self._unknown(shape, data)
        if strict or not unknown or self._hard_problems(shape, data):
            raise UnreadableBody(self._explained(shape, data, strict=strict))
        for cls in self._compiler.enums:
            _tolerate_unknown_values(cls)
        token = _TOLERATING.set(True)
        try:
            parsed = model.from_dict(data)
        finally:
            _TOLERATING.reset(token)
        return _plain(parsed), unknown

    @staticmethod
    def _hard_problems(shape: ModelShape, data: object) -> list[str]:
        problems = shape.problems(data, shape.model.__name__)
        # dict.fromkeys: each problem once, though every item of a list may have it
        return list(dict.fromkeys(f"{at}: {p}" for at, p in problems if isinstance(p, str)))

    @staticmethod
    def _unknown(shape: ModelShape, data: object) -> tuple[UnknownValue, ...]:
        problems = shape.problems(data, shape.model.__name__)
        return tuple(p for _, p in problems if isinstance(p, UnknownValue))

    def _explained(self, shape: ModelShape, data: object, *, strict: bool) -> str:
        hard = self._hard_problems(shape, data)
        if hard:
            return "; ".join(hard[:3])
        unknown = self._unknown(shape, data) if strict else ()
        if unknown:
            return "; ".join(
                f"{u.field}: {u.value!r} is not a value the spec lists" for u in unknown
            )
        return "a value does not fit the model"
