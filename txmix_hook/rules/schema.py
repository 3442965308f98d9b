"""The JSON Schema of rule files: the single description both the loader and editors use.

The loader validates every document against this schema (with the small validator in
``validate.py``) before it builds anything, so what an editor's YAML language server accepts
and what ``txmix`` accepts can not drift apart.
"""

from __future__ import annotations

from typing import Any

SEVERITIES = ["error", "warning", "info"]
SCOPES = ["function", "request", "transaction"]
FIX_SAFETY = ["safe", "unsafe"]
ID_PATTERN = r"^[A-Z][A-Z0-9]*[0-9]+$"
SET_ID_PATTERN = r"^[a-z][a-z0-9-]*$"
QUALNAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"

_string = {"type": "string", "minLength": 1}
_qualname = {"type": "string", "pattern": QUALNAME_PATTERN}
_set_ref = {"type": "string", "pattern": SET_ID_PATTERN}
_named_from_set = {
    "type": "object",
    "additionalProperties": False,
    "required": ["set", "name"],
    "properties": {"set": _set_ref, "name": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"}},
}

VALUE_SOURCE = {
    "description": "One way a value of this pattern set comes to exist.",
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        "call": {**_qualname, "description": "Calling this imported name (resolved through imports) returns a value."},
        "annotation": {**_qualname, "description": "A parameter or variable annotated with this imported type holds a value."},
        "name": {**_qualname, "description": "This imported name (a module-level connection, say) is itself a value."},
        "stored-annotation": {
            **_qualname,
            "description": "A module-level name or class attribute (not a parameter: a caller may hand in the session's own"
            " connection) annotated with this imported type holds a value.",
        },
        "call-of": {**_set_ref, "description": "Calling a value of that pattern set returns a value."},
        "attribute-of": {**_named_from_set, "description": "This attribute of a value of that set is a value."},
        "method-of": {**_named_from_set, "description": "Calling this method on a value of that set returns a value."},
    },
}

PATTERN_SET_BODY: dict[str, Any] = {
    "extends": {**_set_ref, "description": "Start from this pattern set's values and queries, then add these."},
    "label": {**_string, "description": "How messages name a value of this set, e.g. 'psycopg2 connection'."},
    "description": {"type": "string"},
    "values": {"type": "array", "items": VALUE_SOURCE, "description": "Binding facts: how values of this set are made."},
    "queries": {
        "type": "array",
        "items": _string,
        "description": "tree-sitter queries; a match counts when its @value capture holds a value of this set"
        " (or always, if the pattern has no @value). @match marks the reported node.",
    },
    "keywords": {
        "type": "array",
        "items": _string,
        "description": "Extra words; a file containing none of this set's words is never parsed for it.",
    },
    "bind-argument": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"position": {"type": "integer", "minimum": 0}, "keyword": {"type": "string"}},
        "description": "The constructor argument that hands this value an existing connection (shared, so not a mix).",
    },
}

PATTERN_SET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["pattern-set", "label"],
    "properties": {"pattern-set": _set_ref, **PATTERN_SET_BODY},
}

ADD_TO_SET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["add-to-set"],
    "description": "Add values (your own factories), queries or keywords to a pattern set defined elsewhere,"
    " a built-in one say: every rule using that set then finds them too, under its own label.",
    "properties": {
        "add-to-set": _set_ref,
        "values": PATTERN_SET_BODY["values"],
        "queries": PATTERN_SET_BODY["queries"],
        "keywords": PATTERN_SET_BODY["keywords"],
    },
}

SIDE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "Either a reference to a named pattern set, or a pattern set written inline.",
    "properties": {"ref": _set_ref, **PATTERN_SET_BODY},
}

FIX_KINDS = ["execute-on-session", "share-connection"]
FIX_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["safety", "message"],
    "description": "How to make it one connection: a suggestion always, edits where mechanical.",
    "properties": {
        "safety": {"enum": FIX_SAFETY},
        "message": {**_string, "description": "The suggestion shown with every finding; a template over the side names."},
        "kinds": {"type": "array", "items": {"enum": FIX_KINDS}, "description": "Mechanical rewrites to try, in order."},
        "connection": {**_string, "description": "share-connection: the expression that replaces the raw connection, for a sync session (no `await`)."},
        "async-connection": {**_string, "description": "The same for an async session (must `await`); a template that does not fit the session is not used."},
        "flush": {**_string, "description": "Statement inserted before the first raw use, so the shared connection sees pending ORM rows (sync session)."},
        "async-flush": {**_string, "description": "The same for an async session (must `await`)."},
        "transaction-methods": {
            "type": "array",
            "items": _string,
            "description": "Calls on the raw connection that are removed: the session commits, rolls back and closes now.",
        },
        "param-style": {"enum": ["pyformat", "numeric"], "description": "execute-on-session: the driver's placeholder style."},
    },
}

DOCS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["what", "why", "example", "use-instead"],
    "properties": {
        "what": _string,
        "why": _string,
        "example": _string,
        "use-instead": _string,
        "fix-safety": _string,
    },
}

_factories = {"type": "array", "items": _qualname}
TESTS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "valid": {"type": "array", "items": {"type": "string"}},
        "invalid": {"type": "array", "items": {"type": "string"}},
        "assume": {
            "type": "object",
            "additionalProperties": False,
            "description": "Configuration the examples assume, as in [tool.txmix].",
            "properties": {"session-factories": _factories, "raw-connection-factories": _factories},
        },
    },
}

RULE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "severity", "scope", "message", "sides", "report-at", "docs"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "override": {"enum": [True], "description": "Replace the rule of the same id (built-in or loaded earlier)."},
        "enabled": {"type": "boolean", "description": "false: the rule is known (suppressions, listing) but never runs."},
        "name": {"type": "string", "pattern": r"^[a-z][a-z0-9-]*$"},
        "severity": {"enum": SEVERITIES},
        "scope": {"enum": SCOPES},
        "message": _string,
        "report-at": {**_string, "description": "The side whose first match is the finding's location."},
        "sides": {
            "type": "object",
            "minProperties": 2,
            "propertyNames": {"pattern": r"^[a-z][a-z0-9_]*$"},
            "additionalProperties": SIDE_SCHEMA,
        },
        "fix": FIX_SCHEMA,
        "docs": DOCS_SCHEMA,
        "tests": TESTS_SCHEMA,
    },
}

OVERRIDE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "override"],
    "description": "Change a rule loaded earlier (a built-in one, say): its severity, its message, or switch it off.",
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "override": {"enum": [True]},
        "enabled": {"type": "boolean"},
        "severity": {"enum": SEVERITIES},
        "message": _string,
    },
}

FILE_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://txmix.dev/schema/rule-file.json",
    "title": "txmix rule, rule override, pattern set or addition to a pattern set",
    "anyOf": [RULE_SCHEMA, OVERRIDE_SCHEMA, PATTERN_SET_SCHEMA, ADD_TO_SET_SCHEMA],
}
