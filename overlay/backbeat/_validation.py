"""Check that a parsed success body holds the types its generated model promises.

The generated `from_dict` copies values without checking them (a string where the spec says
integer passes), so the facade checks each attrs model of the generated `models` package
against its own annotations, recursively, before handing it to the caller.
"""

from __future__ import annotations

import functools
import sys
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["conforms"]


def conforms(value: object, models: types.ModuleType) -> bool:
    """True when `value` (a generated model instance) matches its annotations, recursively."""
    return _model_matches(value, models)


def _model_matches(value: object, models: types.ModuleType) -> bool:
    cls = type(value)
    if not (attrs.has(cls) and cls.__module__.startswith(models.__name__ + ".")):
        return True  # not a model of this package (e.g. the generated `File`): nothing to check
    hints = _field_hints(cls, models)
    return all(_matches(getattr(value, name), hint, models) for name, hint in hints.items())


@functools.cache
def _field_hints(cls: type, models: types.ModuleType) -> Mapping[str, Any]:
    module_namespace = vars(sys.modules[cls.__module__])
    hints = typing.get_type_hints(cls, globalns=module_namespace, localns=vars(models))
    return {
        field.name: hints[field.name]
        for field in attrs.fields(cls)
        if field.name != "additional_properties" and field.name in hints
    }


def _matches(value: object, hint: Any, models: types.ModuleType) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, option, models) for option in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_matches(x, item, models) for x in value)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin is not None:
        return isinstance(value, origin)
    return _matches_class(value, hint, models)


def _matches_class(value: object, hint: Any, models: types.ModuleType) -> bool:
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return isinstance(value, hint) and _model_matches(value, models)
    return True  # a typing construct the generator does not emit: do not reject on it
