"""A validator for the subset of JSON Schema that ``schema.py`` uses, reporting key paths.

Written here rather than depending on ``jsonschema`` because users need one precise,
positioned message per problem ("sides.raw.queries[1]: expected a string"), not a tree of
``oneOf`` alternatives.
"""

from __future__ import annotations

import re
from typing import Any

from txmix_hook.rules.yaml_document import Document, KeyPath

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
}
_NAMES = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer", "boolean": "true or false"}


def validate(doc: Document, schema: dict[str, Any], value: Any = None, path: KeyPath = ()) -> None:
    """Raise the first problem found as a RuleError positioned at the offending key."""
    if not path:
        value = doc.data
    expected = schema.get("type")
    if expected:
        ok = isinstance(value, _TYPES[expected]) and not (expected == "integer" and isinstance(value, bool))
        if not ok:
            raise doc.error(path, f"expected {_NAMES[expected]}, got {_describe(value)}")
    if "enum" in schema and (value not in schema["enum"] or (isinstance(value, bool) != any(isinstance(e, bool) for e in schema["enum"]))):
        choices = ", ".join(str(c) for c in schema["enum"])
        raise doc.error(path, f"{value!r} is not one of: {choices}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            raise doc.error(path, "must not be empty")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            raise doc.error(path, f"{value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        raise doc.error(path, f"must be at least {schema['minimum']}")
    if isinstance(value, dict):
        _validate_mapping(doc, schema, value, path)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(doc, schema["items"], item, path + (i,))


def _validate_mapping(doc: Document, schema: dict[str, Any], value: dict[str, Any], path: KeyPath) -> None:
    props: dict[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    if "minProperties" in schema and len(value) < schema["minProperties"]:
        raise doc.error(path, f"needs at least {schema['minProperties']} entries")
    if "maxProperties" in schema and len(value) > schema["maxProperties"]:
        raise doc.error(path, f"takes exactly one of: {', '.join(props)}")
    name_rule = schema.get("propertyNames", {}).get("pattern")
    for key, item in value.items():
        if name_rule and not re.search(name_rule, key):
            raise doc.error(path + (key,), f"name {key!r} does not match {name_rule}", at_key=True)
        if key in props:
            validate(doc, props[key], item, path + (key,))
        elif extra is False:
            known = ", ".join(props) or "none"
            raise doc.error(path + (key,), f"unknown key {key!r} (known keys: {known})", at_key=True)
        elif isinstance(extra, dict):
            validate(doc, extra, item, path + (key,))
    for key in schema.get("required", []):
        if key not in value:
            raise doc.error(path, f"missing required key {key!r}")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    for name, types in _TYPES.items():
        if isinstance(value, types):
            return _NAMES[name]
    return type(value).__name__
