"""One way to judge a value against a JSON Schema, for every layer: Draft 2020-12 with format
assertions (every format jsonschema checks with what is installed, and ``uri`` by RFC 3986,
``formats.is_uri``).

jsonschema is imported here only, and this module only when a validator is asked for, so reading
a spec's facts costs no jsonschema import.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from .formats import is_uri

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry

__all__ = ["SPEC_URI", "format_checker", "registry_for", "schema_validator"]

SPEC_URI = "urn:backbeat:spec"
"""The URI a spec document is registered under: ``{"$ref": SPEC_URI + "#/components/..."}``."""


@cache
def format_checker() -> FormatChecker:
    """The format assertions every layer applies: all of jsonschema's, ``uri`` by RFC 3986."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("uri")(is_uri)
    return checker


def registry_for(document: Mapping[str, Any]) -> Registry[Any]:
    """A registry holding ``document`` under ``SPEC_URI``, so that a schema's local ``$ref``s
    (``#/components/schemas/...``) resolve against the document they sit in."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    resource = DRAFT202012.create_resource(document)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def schema_validator(
    schema: Mapping[str, Any] | bool, registry: Registry[Any] | None = None
) -> Draft202012Validator:
    """A Draft 2020-12 validator of ``schema`` that asserts formats (``format_checker``)."""
    from jsonschema import Draft202012Validator

    if registry is None:
        return Draft202012Validator(schema, format_checker=format_checker())
    return Draft202012Validator(schema, registry=registry, format_checker=format_checker())
