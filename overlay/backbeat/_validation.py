"""Read a decoded success body into the generated model its operation promises.

The readers themselves are generated (tools/gen_readers.py writes `readers.py` into each
generated client): one plain function per model that checks each field while it builds the
model, in one pass, and the model's shape as data. This module holds what they share: the
shape classes, which explain a mismatch field by field, and `BodyReader`, which runs them.
Nothing is compiled, read from source or patched at run time, so first use from many threads
at once is as safe as any later use.

Reading is tolerant unless asked to be strict. A body that only *adds* to the spec reads:
unknown fields stay in each model's `additional_properties`, and an enum value the spec does
not list reads as the plain string. A body the client cannot use (a required field missing,
a wrong type where a value is needed) is an `UnreadableBody` either way; under `strict=True`
so is an unlisted enum value.

Only a body that fails the fast pass, or holds an unlisted value, is walked again, slowly,
to say what is wrong and where (`Shape.problems`).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar

__all__ = [
    "ANYTHING",
    "MISSING",
    "BodyReader",
    "Choice",
    "Field",
    "ListOf",
    "Mismatch",
    "ModelShape",
    "OneOf",
    "Parsed",
    "Plain",
    "UnknownValue",
    "UnreadableBody",
]

ModelT = TypeVar("ModelT")
Check = Callable[[object], bool]
Reader = Callable[[Any, list[object]], Any]
MISSING: Any = object()
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
    """A closed set of values: a generated enum (named `name`), or a `Literal`."""

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
    key: str  # in the JSON body
    alias: str  # the model's `__init__` argument
    required: bool
    shape: Shape


class ModelShape(Shape):
    """An object whose documented keys each hold their shape; other keys may appear. The
    generated readers module creates one per model, then sets its `fields` (a model may
    contain itself), all while it is imported."""

    def __init__(self, model: type) -> None:
        self.model = model
        self.fields: tuple[Field, ...] = ()

    def check(self, value: object) -> bool:
        if type(value) is not dict:
            return False
        for f in self.fields:
            item = value.get(f.key, MISSING)
            if item is MISSING:
                if f.required:
                    return False
            elif not f.shape.check(item):
                return False
        return True

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


class Mismatch(Exception):
    """Raised by a generated reader: the body is not what the model needs (see `problems`)."""


def _accept(value: object) -> bool:
    return True


ANYTHING = Anything()


def _json_type_name(value: object) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


# --- reading --------------------------------------------------------------------------------


class BodyReader:
    """Reads decoded success bodies into the models of one generated package, through its
    generated `readers` module (`READERS`: model -> reader, `SHAPES`: model -> shape)."""

    def __init__(self, readers: ModuleType) -> None:
        self._readers: Mapping[type, Reader] = readers.READERS
        self._shapes: Mapping[type, ModelShape] = readers.SHAPES

    @property
    def models(self) -> Collection[type]:
        """The models it reads (`model in reader.models`)."""
        return self._readers.keys()

    def is_model(self, cls: object) -> bool:
        return cls in self._readers

    def read(
        self, model: type[ModelT], data: object, *, strict: bool
    ) -> tuple[ModelT, tuple[UnknownValue, ...]]:
        """The model, and the unlisted enum values it tolerated (always none when strict)."""
        noted: list[object] = []
        try:
            built = self._readers[model](data, noted)
        except (Mismatch, ValueError, TypeError, RecursionError):
            raise UnreadableBody(self._explained(self._shapes[model], data)) from None
        if not noted:
            return typing.cast(ModelT, built), ()
        shape = self._shapes[model]
        if strict:
            raise UnreadableBody(self._explained(shape, data))
        return typing.cast(ModelT, built), self._unknown(shape, data)

    @staticmethod
    def _hard_problems(shape: ModelShape, data: object) -> list[str]:
        problems = shape.problems(data, shape.model.__name__)
        # dict.fromkeys: each problem once, though every item of a list may have it
        return list(dict.fromkeys(f"{at}: {p}" for at, p in problems if isinstance(p, str)))

    @staticmethod
    def _unknown(shape: ModelShape, data: object) -> tuple[UnknownValue, ...]:
        problems = shape.problems(data, shape.model.__name__)
        return tuple(p for _, p in problems if isinstance(p, UnknownValue))

    def _explained(self, shape: ModelShape, data: object) -> str:
        try:
            hard = self._hard_problems(shape, data)
            unknown = self._unknown(shape, data)
        except RecursionError:
            return "the body is nested too deeply"
        if hard:
            return "; ".join(hard[:3])
        if unknown:
            return "; ".join(
                f"{u.field}: {u.value!r} is not a value the spec lists" for u in unknown
            )
        return "a value does not fit the model"
