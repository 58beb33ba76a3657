"""Calls named by operationId, built from plain keyword arguments.

A facade method names its operation and hands over what the user passed. Everything else an
operation needs is already in the generated package: its endpoint module, its request model
and the types of that model's fields, its success model. `CallBuilder` reads them there (once
per operation), so adding an operation to the spec costs no table here:
- a `None` value, or no value, means "leave out" (the generated UNSET; the server's default);
- a value for an enum field goes through the enum (an unknown one is a `ValueError` before
  sending; a bool for a 0/1 enum is its int);
- a list for a string field is sent JSON-encoded, as form fields carry lists (`stems`);
- a date or datetime for a string field is sent in ISO 8601;
- a mapping for a field whose type is a generated model becomes that model (`from_dict`);
- a media argument (`audio`, `image`, ...) becomes `<name>_file` or `<name>_url`;
- a keyword the operation does not have, or a required one missing, is a `TypeError` naming
  it.
"""

from __future__ import annotations

import enum
import functools
import json
import pkgutil
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any, TypeVar

import attrs

from ._client import Call, itself
from ._uploads import media_fields

__all__ = ["CallBuilder", "Endpoint"]

ResultT = TypeVar("ResultT")
WrapT = TypeVar("WrapT")


Converter = typing.Callable[[Any], Any]


@dataclass(frozen=True)
class Endpoint:
    """One generated operation: `parameters` are its keyword arguments other than `client`
    and `body` (query and path parameters), `body` its request model, if any (the model of
    the first content type the spec lists), `fields` that model's fields; all as type hints.
    `converters` and `optional` are worked out once from `parameters` or `fields`: each
    name's value converter, and the names that may be left out."""

    operation: str
    module: types.ModuleType
    parameters: Mapping[str, Any]
    body: type | None
    fields: Mapping[str, Any]
    results: tuple[Any, ...]
    converters: Mapping[str, Converter]
    optional: frozenset[str]


class CallBuilder:
    """Builds `Call`s for the operations of one generated client package."""

    def __init__(self, package: types.ModuleType) -> None:
        self._package = package
        self._models = import_module(f"{package.__name__}.models")
        self._types = import_module(f"{package.__name__}.types")
        self._unset = self._types.UNSET
        self._file = self._types.File
        self._modules = _endpoint_modules(package)
        self._endpoints: dict[str, Endpoint] = {}

    def call(
        self,
        operation: str,
        result: type[ResultT],
        /,
        media: Mapping[str, object] | None = None,
        **values: Any,
    ) -> Call[Any, ResultT]:
        """The call of `operation` with `values` (keyword arguments or body fields) and
        `media` (argument name -> path, file or URL), whose success body is a `result`."""
        return self.wrapped(operation, result, itself, media, **values)

    def wrapped(
        self,
        operation: str,
        result: type[ResultT],
        wrap: typing.Callable[[ResultT, Any], WrapT],
        media: Mapping[str, object] | None = None,
        **values: Any,
    ) -> Call[ResultT, WrapT]:
        """`call`, with `wrap` turning the parsed body (and the response) into the result."""
        endpoint = self.endpoint(operation)
        if result not in endpoint.results:
            raise TypeError(f"{operation} does not answer {result.__name__}")
        kwargs: dict[str, Any] = {}
        if endpoint.body is None:
            if media:
                raise TypeError(f"{operation} takes no upload")
            kwargs = self._converted(endpoint, values)
        else:
            given = dict(values)
            for name, value in (media or {}).items():
                given.update(self._media(operation, endpoint, name, value))
            kwargs["body"] = endpoint.body(**self._converted(endpoint, given))
        return Call(operation, endpoint.module, kwargs, result, wrap)

    def endpoint(self, operation: str) -> Endpoint:
        known = self._endpoints.get(operation)
        if known is None:
            known = self._endpoints[operation] = self._resolve(operation)
        return known

    def _media(
        self, operation: str, endpoint: Endpoint, name: str, value: object
    ) -> dict[str, object]:
        if f"{name}_file" not in endpoint.fields and f"{name}_url" not in endpoint.fields:
            raise TypeError(f"{operation} has no {name}_file or {name}_url field")
        return media_fields(value, name, self._file)

    def _converted(self, endpoint: Endpoint, values: Mapping[str, Any]) -> dict[str, Any]:
        """The endpoint's keyword arguments: every optional one UNSET unless given (only what
        the caller gave travels, so a default stays the server's to apply: the spec's defaults
        and the server's can differ, as they do for `/v1/MusicAI`'s `generate_album_cover`)."""
        converted = dict.fromkeys(endpoint.optional, self._unset)
        converters = endpoint.converters
        for name, value in values.items():
            convert = converters.get(name)
            if convert is None:
                raise TypeError(f"{endpoint.operation} has no field {name}")
            if value is not None:
                converted[name] = convert(value)
        if len(converted) < len(converters):
            missing = sorted(set(converters) - set(converted))
            raise TypeError(f"{endpoint.operation} needs {', '.join(missing)}")
        return converted

    def _resolve(self, operation: str) -> Endpoint:
        try:
            module = import_module(self._modules[operation.lower()])
        except KeyError:
            raise LookupError(f"{self._package.__name__} has no operation {operation}") from None
        local = {**vars(self._models), "Unset": self._types.Unset}
        hints = typing.get_type_hints(module._get_kwargs, localns=local)
        hints.pop("return", None)
        body = next((o for o in _options(hints.pop("body", None)) if attrs.has(o)), None)
        fields = {} if body is None else self._field_hints(body)
        returned = typing.get_type_hints(module.sync_detailed, localns=local)["return"]
        (parsed,) = typing.get_args(returned)
        named = fields if body is not None else hints
        unset_type = type(self._unset)
        return Endpoint(
            operation,
            module,
            hints,
            body,
            fields,
            _options(parsed),
            converters={name: _converter(hint) for name, hint in named.items()},
            optional=frozenset(n for n, hint in named.items() if unset_type in _options(hint)),
        )

    def _field_hints(self, model: type) -> dict[str, Any]:
        namespace = vars(sys.modules[model.__module__])
        hints = typing.get_type_hints(model, globalns=namespace, localns=vars(self._models))
        return {
            field.name: hints[field.name]
            for field in attrs.fields(model)
            if field.name != "additional_properties"
        }


def _endpoint_modules(package: types.ModuleType) -> dict[str, str]:
    """operationId in lower case -> module name. The generator names a module after the
    snake_case of its operationId, in a folder per tag; listing them imports nothing."""
    api = import_module(f"{package.__name__}.api")
    modules = {}
    for tag in pkgutil.iter_modules(api.__path__):
        folder = import_module(f"{api.__name__}.{tag.name}")
        for module in pkgutil.iter_modules(folder.__path__):
            modules[module.name.replace("_", "")] = f"{folder.__name__}.{module.name}"
    return modules


def _options(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return () if hint is None else (hint,)


def _converter(hint: Any) -> Converter:
    """How a value the caller gives for a field of type `hint` becomes what it holds."""
    options = _options(hint)
    for option in options:
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return functools.partial(_enum_member, option)
    models = [o for o in options if attrs.has(o)]
    if models:
        return functools.partial(_model_of, models[0])
    if str in options and list not in options:
        return _text
    return _same


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> Any:
    """A list as JSON (form fields carry lists so), a date in ISO 8601, else as it is."""
    if isinstance(value, list | tuple):
        return json.dumps(list(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _model_of(model: Any, value: Any) -> Any:
    if isinstance(value, Mapping):
        return model.from_dict(value)
    return value


def _enum_member(enum_type: type[enum.Enum], value: Any) -> enum.Enum:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, bool) and all(isinstance(m.value, int) for m in enum_type):
        value = int(value)
    return enum_type(value)
