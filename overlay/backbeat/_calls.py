"""Calls named by operationId, built from plain keyword arguments.

A facade method names its operation and hands over what the user passed. Everything else an
operation needs is in the generated package's request table (`requests.py`, written by
tools/gen_requests.py from the generated endpoint and model modules): its endpoint module,
request model, success models and a converter per argument. So adding an operation to the
spec costs no table here:
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
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any, TypeVar

from ._client import Call, itself
from ._uploads import media_fields

__all__ = [
    "CallBuilder",
    "Endpoint",
    "enum_value",
    "model_value",
    "same_value",
    "text_value",
]

ResultT = TypeVar("ResultT")
WrapT = TypeVar("WrapT")


Converter = typing.Callable[[Any], Any]


@dataclass(frozen=True)
class Endpoint:
    """One generated operation, as its generated `requests` table states it: the endpoint
    module, its request body model (None for a query-only operation), the models its
    responses parse into, each argument's converter (body fields, or query and path
    parameters) and the arguments that may be left out."""

    operation: str
    module: types.ModuleType
    body: type | None
    results: tuple[Any, ...]
    converters: Mapping[str, Converter]
    optional: frozenset[str]


class CallBuilder:
    """Builds `Call`s for the operations of one generated client package, from its generated
    request table (`requests.ENDPOINTS`, by tools/gen_requests.py)."""

    def __init__(self, package: types.ModuleType) -> None:
        self._package = package
        package_types = import_module(f"{package.__name__}.types")
        self._unset = package_types.UNSET
        self._file = package_types.File
        self._endpoints: Mapping[str, Endpoint] = import_module(
            f"{package.__name__}.requests"
        ).ENDPOINTS

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
        return self.built(operation, result, itself, media, values)

    def built(
        self,
        operation: str,
        result: type[ResultT],
        wrap: typing.Callable[[ResultT, Any], WrapT],
        media: Mapping[str, object] | None,
        values: Mapping[str, Any],
    ) -> Call[ResultT, WrapT]:
        """`call`, with `wrap` turning the parsed body (and the response) into the result, and
        the values as one mapping (a facade method's, left unchanged): what every facade
        method calls, without packing its arguments twice."""
        endpoint = self._endpoints.get(operation)
        if endpoint is None:
            endpoint = self.endpoint(operation)  # raises the LookupError
        if result not in endpoint.results:
            raise TypeError(f"{operation} does not answer {result.__name__}")
        if endpoint.body is None:
            if media:
                raise TypeError(f"{operation} takes no upload")
            return Call(operation, endpoint.module, self._converted(endpoint, values), result, wrap)
        if media:
            values = dict(values)
            for name, value in media.items():
                values.update(self._media(operation, endpoint, name, value))
        body = endpoint.body(**self._converted(endpoint, values))
        return Call(operation, endpoint.module, {"body": body}, result, wrap)

    def endpoint(self, operation: str) -> Endpoint:
        try:
            return self._endpoints[operation]
        except KeyError:
            raise LookupError(f"{self._package.__name__} has no operation {operation}") from None

    def _media(
        self, operation: str, endpoint: Endpoint, name: str, value: object
    ) -> dict[str, object]:
        fields = endpoint.converters
        if f"{name}_file" not in fields and f"{name}_url" not in fields:
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


# The converters the generated request tables name.


def enum_value(enum_type: type[enum.Enum]) -> Converter:
    """A value for an enum field: its member (a bool for a 0/1 enum is its int); a value the
    enum does not list is a `ValueError` before sending."""
    return functools.partial(_enum_member, enum_type)


def model_value(model: type) -> Converter:
    """A value for a nested model field: the model itself, or a mapping read into it."""
    return functools.partial(_model_of, model)


def same_value(value: Any) -> Any:
    return value


def text_value(value: Any) -> Any:
    """A list as JSON (form fields carry lists so), a date in ISO 8601, else as it is."""
    if type(value) is str:  # the usual case, decided at once
        return value
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
