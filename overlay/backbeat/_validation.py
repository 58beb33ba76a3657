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
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["conforms"]


def conforms(value: object, models: types.ModuleType) -> bool:
    """True when `value` (a generated model instance) matches its annotations, recursively."""
    return _model_matches(value, models)


Check = Callable[[object], bool]
FieldChecks = tuple[tuple[str, Check], ...]

# One compiled check per annotated field, built once per class: this runs on every response,
# and resolving annotations per call costs more than the loopback round trip.
_FIELD_CHECKS: dict[type, FieldChecks] = {}


def _model_matches(value: object, models: types.ModuleType) -> bool:
    cls = type(value)
    checks = _FIELD_CHECKS.get(cls)
    if checks is None:
        checks = _FIELD_CHECKS[cls] = _compile_field_checks(cls, models)
    for name, check in checks:  # noqa: SIM110 - a loop: no generator per model on the hot path
        if not check(getattr(value, name)):
            return False
    return True


def _compile_field_checks(cls: type, models: types.ModuleType) -> FieldChecks:
    if not _is_model(cls, models):
        return ()  # not a model of this package (e.g. the generated `File`): nothing to check
    module_namespace = vars(sys.modules[cls.__module__])
    hints = typing.get_type_hints(cls, globalns=module_namespace, localns=vars(models))
    return tuple(
        (field.name, _check_for(hints[field.name], models))
        for field in attrs.fields(cls)
        if field.name != "additional_properties" and field.name in hints
    )


def _is_model(cls: type, models: types.ModuleType) -> bool:
    return attrs.has(cls) and cls.__module__.startswith(models.__name__ + ".")


@functools.cache
def _check_for(hint: Any, models: types.ModuleType) -> Check:
    options = _union_options(hint)
    plain = tuple(option for option in options if _plain_types(option, models) is not None)
    nested = tuple(_nested_check(option, models) for option in options if option not in plain)
    accepted = tuple(t for option in plain for t in _plain_types(option, models) or ())
    # bool is an int to isinstance, but not to the spec: reject it unless it is named.
    reject_bool = bool not in accepted

    def matches_plain(value: object) -> bool:
        return isinstance(value, accepted) and not (reject_bool and isinstance(value, bool))

    if not nested:
        return matches_plain
    if len(nested) == 1:  # the usual `list[...] | Unset` or `Model | Unset`: no generator
        (only,) = nested
        return lambda value: matches_plain(value) or only(value)
    return lambda value: matches_plain(value) or any(check(value) for check in nested)


def _union_options(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(o for option in typing.get_args(hint) for o in _union_options(option))
    return (hint,)


def _plain_types(hint: Any, models: types.ModuleType) -> tuple[type, ...] | None:
    """The classes a value may be an instance of, when a plain isinstance settles it."""
    if hint is None or hint is type(None):
        return (type(None),)
    if hint is float:
        return (int, float)
    if hint is Any or typing.get_origin(hint) is not None or not isinstance(hint, type):
        return None
    return None if _is_model(hint, models) else (hint,)


def _nested_check(hint: Any, models: types.ModuleType) -> Check:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        check_item = _check_for(item, models)
        return lambda value: isinstance(value, list) and all(map(check_item, value))
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        return lambda value: value in allowed
    if origin is not None:
        return lambda value: isinstance(value, origin)
    if isinstance(hint, type) and hint is not Any:
        return lambda value: isinstance(value, hint) and _model_matches(value, models)
    return lambda value: True  # Any, or a typing construct the generator does not emit
