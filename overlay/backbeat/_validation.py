"""Read a decoded success body into the generated model its operation promises.

The decoded JSON is checked first, against one compiled `Shape` per model class (built once
from the model's annotations and its `from_dict`'s keys), and only then handed to the
generated `from_dict`, which copies values without checking their types.

Reading is tolerant unless asked to be strict. A body that only *adds* to the spec reads:
unknown fields stay in each model's `additional_properties` (the generated `from_dict`
keeps them), and an enum value the spec does not list reads as the plain string. A body
the client cannot use (a required field missing, a wrong type where a value is needed)
is an `UnreadableBody` either way; under `strict=True` so is an unlisted enum value.

The fast path is one boolean walk of the compiled checks. Only a body that fails it is
walked again, slowly, to say what is wrong and where (`problems`).
"""

from __future__ import annotations

import contextvars
import enum
import inspect
import re
import sys
import types
import typing
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


class Choice(Shape):
    """A closed set of values: a generated enum, or a `Literal`."""

    def __init__(self, values: frozenset[object], name: str) -> None:
        self.values = values
        self.name = name
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
        return f"a {self.name} value ({', '.join(repr(v) for v in sorted(map(str, self.values)))})"


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
    required: bool
    shape: Shape


class ModelShape(Shape):
    """An object whose documented keys each hold their shape; other keys may appear.

    Its check is generated Python source, compiled once: straight-line type tests with no
    call per plain field, since it runs on every field of every response."""

    def __init__(self, model: type) -> None:
        self.model = model
        self.fields: tuple[Field, ...] = ()
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
            Field(keys.get(f.name, f.name), required, self.shape_of(hint))
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
            return Choice(frozenset(member.value for member in hint), hint.__name__)
        if isinstance(hint, type) and _is_model(hint, self._models):
            return self.model(hint)
        if isinstance(hint, type) and hint.__module__ in ("datetime", "uuid"):
            return Plain(frozenset({str}))  # from_dict parses it; a bad one fails there
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
        if shape.check(data):
            return model.from_dict(data), ()  # type: ignore[attr-defined]
        problems = list(shape.problems(data, model.__name__))
        hard = [f"{where}: {problem}" for where, problem in problems if isinstance(problem, str)]
        unknown = tuple(p for _, p in problems if isinstance(p, UnknownValue))
        if hard:
            raise UnreadableBody("; ".join(hard[:3]))
        if strict:
            raise UnreadableBody(
                "; ".join(f"{u.field}: {u.value!r} is not a value the spec lists" for u in unknown)
            )
        for cls in self._compiler.enums:
            _tolerate_unknown_values(cls)
        token = _TOLERATING.set(True)
        try:
            parsed = model.from_dict(data)  # type: ignore[attr-defined]
        finally:
            _TOLERATING.reset(token)
        return typing.cast(ModelT, _plain(parsed)), unknown
