"""Write the webhook event classes of a spec's `webhooks`, inside its generated client.

Each payload schema a webhook names is read into an event class: the schema's `x-event`, or,
by the body's `subtype`, one of its `x-event-by-subtype` classes. A class has one attribute per
property of the schemas read into it, typed from the property's schema (a string `str | None`,
a number or a numeric string `float | None`, a list of strings `tuple[str, ...]`, a map of
strings `Mapping[str, str]`, a JSON string with a `contentSchema` what that schema decodes
to). A property's `x-event-attribute` renames it; several properties of one schema with the
same `x-event-attribute` make one mapping of those present. A property's `x-event-decoded`
adds a property that decodes its JSON-encoded list. The spec's top-level
`x-webhook-event-fields` are the attributes of the base class, `WebhookEvent`, which every
event has (a body of a shape no schema describes parses into it).

Next to the classes, `PAYLOADS` says per schema how to read a body: its generated model
reader (readers.py), the keys it documents and those that tell it apart, and per attribute its
keys and converter (backbeat._webhook_reading). ``make generate`` runs this after
gen_readers.py:  python tools/gen_webhooks.py <spec> <webhooks.py>
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backbeat_specs import read_document
from gen_readers import snake
from openapi_python_client.strings import ClassName


@dataclass(frozen=True)
class Kind:
    """An attribute's annotation, its default (none: required) and its converter."""

    annotation: str
    default: str
    convert: str


@dataclass
class Attr:
    name: str
    keys: tuple[str, ...]
    kind: Kind
    doc: str
    decoded: str | None = None


@dataclass
class EventClass:
    name: str
    doc: list[str] = field(default_factory=list)
    attrs: dict[str, Attr] = field(default_factory=dict)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    decoded: dict[str, str] = field(default_factory=dict)  # property -> attribute


Schema = dict[str, Any]


class Spec:
    def __init__(self, document: Schema) -> None:
        self.document = document

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.document["components"]["schemas"][schema["$ref"].split("/")[-1]]
        return schema

    def payloads(self) -> dict[str, list[str]]:
        """Payload schema name -> the webhooks that send it, in spec order."""
        found: dict[str, list[str]] = {}
        for hook, item in self.document.get("webhooks", {}).items():
            content = item["post"]["requestBody"]["content"]["application/json"]["schema"]
            found.setdefault(content["$ref"].split("/")[-1], []).append(hook)
        return found

    def kind(self, prop: Schema, where: str) -> Kind:
        prop = self.resolve(prop)
        if prop.get("contentMediaType") == "application/json" and "contentSchema" in prop:
            inner = self.kind(prop["contentSchema"], where)
            return Kind(inner.annotation, inner.default, f"decoded({inner.convert})")
        declared = prop.get("type", [])
        types = {declared} if isinstance(declared, str) else set(declared)
        types.discard("null")
        if types == {"object"}:
            values = self.resolve(prop.get("additionalProperties") or {})
            value = self.kind(values, where) if values else None
            if value is not None and value.convert in MAP_VALUES:
                return Kind(
                    f"Mapping[str, {MAP_VALUES[value.convert]}]",
                    "field(default_factory=dict)",
                    f"{value.convert}_map",
                )
            raise SystemExit(f"{where}: an object property needs typed additionalProperties")
        if types == {"array"}:
            item = self.resolve(prop.get("items") or {})
            if item.get("type") == "string":
                return Kind("tuple[str, ...]", "()", "texts")
            return Kind("tuple[Any, ...]", "()", "items")
        if types & {"number", "integer"}:
            return Kind("float | None", "None", "number")
        if types == {"boolean"}:
            return Kind("bool | None", "None", "flag")
        if types == {"string"}:
            return Kind("str | None", "None", "text")
        raise SystemExit(f"{where}: no event attribute type for {sorted(types)}")


BASE_DOC = (
    "What every webhook of the API carries (the spec's `x-webhook-event-fields`). A body of a"
    " shape no payload schema describes parses into this class itself, so a new vendor payload"
    " never breaks a receiver."
)
# The converters whose values a map can hold, and their types.
MAP_VALUES = {"text": "str", "number": "float", "texts": "tuple[str, ...]"}
GROUP = Kind("Mapping[str, str]", "field(default_factory=dict)", "text_map")


def schema_attrs(spec: Spec, name: str, schema: Schema) -> list[Attr]:
    """The event attributes of one payload schema, in property order."""
    attrs: dict[str, Attr] = {}
    for key, prop in schema.get("properties", {}).items():
        attribute = prop.get("x-event-attribute") or snake(key)
        kind = spec.kind(prop, f"{name}.{key}")
        doc = " ".join(str(spec.resolve(prop).get("description", "")).split())
        known = attrs.get(attribute)
        if known is None:
            attrs[attribute] = Attr(attribute, (key,), kind, doc, prop.get("x-event-decoded"))
        else:  # several properties, one attribute: a mapping of those present
            if kind.convert != "text":
                raise SystemExit(f"{name}.{key}: only string properties share an attribute")
            known.keys += (key,)
            known.kind, known.doc = GROUP, ""
    return list(attrs.values())


def first_paragraph(text: str) -> str:
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    return paragraph.replace(" Other properties may appear.", "").strip()


PerSchema = list[tuple[str, Schema, list[Attr]]]


def collect(spec: Spec) -> tuple[EventClass, list[EventClass], PerSchema]:
    payloads = spec.payloads()
    schemas = {name: spec.resolve({"$ref": name}) for name in payloads}
    base_names = list(spec.document["x-webhook-event-fields"])
    required_everywhere = set.intersection(*(set(s.get("required", ())) for s in schemas.values()))
    base = EventClass("WebhookEvent", [BASE_DOC])
    per_schema = [(name, s, schema_attrs(spec, name, s)) for name, s in schemas.items()]
    for attribute in base_names:
        found = [a for _, _, attrs in per_schema for a in attrs if a.name == attribute]
        if not found:
            raise SystemExit(f"x-webhook-event-fields: no payload schema documents {attribute}")
        kind = Kind("str", "", "text") if attribute in required_everywhere else found[0].kind
        docs = {a.doc for a in found}  # a description only where every schema agrees
        doc = docs.pop() if len(docs) == 1 else ""
        base.attrs[attribute] = Attr(attribute, (attribute,), kind, doc)
    classes: dict[str, EventClass] = {}
    for name, schema, attrs in per_schema:
        hooks = ", ".join(f"`{hook}`" for hook in payloads[name])
        if "x-event" not in schema:
            raise SystemExit(f"{name}: a webhook payload schema names its class (x-event)")
        targets: list[tuple[str, str | None]] = [(schema["x-event"], None)]
        targets += [(cls, value) for value, cls in schema.get("x-event-by-subtype", {}).items()]
        for class_name, subtype in targets:
            event = classes.setdefault(class_name, EventClass(class_name))
            if subtype is None:
                line = f"{first_paragraph(schema.get('description', ''))} ({name}: {hooks})"
            else:
                line = f"A {name} POST whose `subtype` is {subtype!r} ({hooks})."
            event.doc.append(line)
            for attr in attrs:
                if attr.name in base.attrs:
                    continue
                known = event.attrs.get(attr.name)
                if known is not None and known.kind != attr.kind:
                    raise SystemExit(f"{class_name}.{attr.name}: typed differently by {name}")
                event.attrs.setdefault(attr.name, attr)
                merged = event.sources.get(attr.name, ()) + attr.keys
                event.sources[attr.name] = tuple(dict.fromkeys(merged))
                if attr.decoded:
                    event.decoded[attr.decoded] = attr.name
    return base, list(classes.values()), per_schema


def docstring(text: str, indent: str) -> list[str]:
    """A docstring of `text`'s paragraphs, each filled to the line length."""
    if not text:
        return []
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    paragraphs = [
        textwrap.fill(p, 92, initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n\n")
    ]
    filled = "\n\n".join(paragraphs).strip()
    return [f'{indent}"""{filled}"""']


def class_lines(event: EventClass, base: EventClass | None) -> list[str]:
    parent = f"({base.name})" if base else ""
    # repr=False: every event shows itself as the base class says (present fields only).
    lines = ["@dataclass(frozen=True, kw_only=True, repr=False)", f"class {event.name}{parent}:"]
    lines += docstring("\n\n".join(event.doc), "    ")
    lines.append("")
    for attr in event.attrs.values():
        default = f" = {attr.kind.default}" if attr.kind.default else ""
        lines.append(f"    {attr.name}: {attr.kind.annotation}{default}")
        lines += docstring(attr.doc, "    ")
    if base is None:
        lines += [
            "    body: Mapping[str, Any] = field(repr=False, compare=False)",
            '    """The whole body as received; `extra` holds the fields no attribute reads."""',
            "",
            "    # Attributes read from body keys of other names (a mapping of them when several).",
            "    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {}",
            "",
            "    @property",
            "    def extra(self) -> Mapping[str, Any]:",
            '        """Body fields that no attribute of this class reads (new vendor fields)."""',
            "        return unread_fields(self)",
            "",
            "    def __repr__(self) -> str:",
            "        return present_fields_repr(self)",
        ]
    else:
        renamed = {name: keys for name, keys in event.sources.items() if keys != (name,)}
        if renamed:
            lines.append(f"    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {renamed!r}")
    for prop, attribute in sorted(event.decoded.items()):
        lines += [
            "",
            "    @property",
            f"    def {prop}(self) -> list[dict[str, Any]]:",
            f'        """`{attribute}` decoded (an empty list when it is not a JSON list)."""',
            f"        return decoded_objects(self.{attribute})",
        ]
    return lines


def attribute_source(attr: Attr) -> str:
    return f"Attribute({attr.name!r}, {attr.keys!r}, {attr.kind.convert})"


def render(spec_path: Path) -> str:
    spec = Spec(read_document(spec_path))
    base, classes, per_schema = collect(spec)
    counts: dict[str, int] = {}
    for _, schema, _ in per_schema:
        for key in schema.get("properties", {}):
            counts[key] = counts.get(key, 0) + 1
    base_attributes = [attribute_source(a) for a in base.attrs.values()]
    payloads = []
    for name, schema, attrs in per_schema:
        model = ClassName(name, "")
        keys = sorted(schema.get("properties", {}))
        marks = [k for k in keys if counts[k] * 2 < len(per_schema)]
        own = [attribute_source(a) for a in attrs if a.name not in base.attrs]
        by_subtype = ", ".join(
            f"{value!r}: {cls}" for value, cls in schema.get("x-event-by-subtype", {}).items()
        )
        payloads += [
            "    Payload(",
            f"        {name!r},",
            f"        read_{snake(model)},",
            f"        SHAPES[{model}],",
            f"        {schema['x-event']},",
            f"        {{{by_subtype}}},",
            f"        frozenset({keys!r}),",
            f"        frozenset({marks!r}),",
            f"        (*BASE_ATTRIBUTES, {', '.join(own)}),",
            "    ),",
        ]
    models = sorted(ClassName(name, "") for name, _, _ in per_schema)
    readers = sorted(f"read_{snake(m)}" for m in models)
    converters = sorted(
        {
            part.strip(")")
            for a in [*base.attrs.values(), *(a for _, _, attrs in per_schema for a in attrs)]
            for part in a.kind.convert.split("(")
        }
    )
    names = ["WebhookEvent", *(c.name for c in classes)]
    return "\n".join(
        [
            '"""The event classes of the spec\'s webhooks, and how to read each payload schema.',
            "See tools/gen_webhooks.py and backbeat._webhook_reading.",
            "",
            'Generated by tools/gen_webhooks.py: do not edit."""',
            "",
            "from __future__ import annotations",
            "",
            "from collections.abc import Mapping",
            "from dataclasses import dataclass, field",
            "from typing import Any, ClassVar",
            "",
            "from backbeat._webhook_reading import (",
            "    Attribute,",
            "    Payload,",
            "    decoded_objects,",
            "    present_fields_repr,",
            "    unread_fields,",
            *(f"    {c}," for c in converters),
            ")",
            "",
            f"from .models import {', '.join(models)}",
            f"from .readers import SHAPES, {', '.join(readers)}",
            "",
            "",
            "\n\n\n".join(
                "\n".join(lines)
                for lines in [class_lines(base, None), *(class_lines(c, base) for c in classes)]
            ),
            "",
            "",
            "# The base attributes, read as sent (a body no payload schema describes).",
            f"BASE_ATTRIBUTES: tuple[Attribute, ...] = ({', '.join(base_attributes)},)",
            "",
            "# In spec order: the first of equally good matches wins.",
            "PAYLOADS: tuple[Payload, ...] = (",
            *payloads,
            ")",
            "",
            f"__all__ = {[*names, 'BASE_ATTRIBUTES', 'PAYLOADS']!r}",
            "",
        ]
    )


def main(argv: list[str]) -> None:
    spec, out = Path(argv[1]), Path(argv[2])
    if read_document(spec).get("webhooks"):
        out.write_text(render(spec), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
