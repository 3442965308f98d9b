"""Turn rule folders into a validated RuleBook, or fail with one positioned message.

No Python is ever executed from a rule: documents are plain YAML data, queries are compiled
by tree-sitter, and message templates are checked against the placeholders we fill in.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tree_sitter import Query, QueryError

from txmix_hook.engine.parse import PYTHON
from txmix_hook.engine_rules import ENGINE_RULES
from txmix_hook.rules.errors import RuleError, format_key_path
from txmix_hook.rules.files import builtin_rules_dir, rule_files
from txmix_hook.rules.query_limits import query_problem
from txmix_hook.rules.model import BindArgument, FixSpec, PatternSet, QuerySource, Rule, Side, ValueSource
from txmix_hook.rules.rulebook import SESSION_SET, RuleBook
from txmix_hook.rules.schema import ADD_TO_SET_SCHEMA, OVERRIDE_SCHEMA, PATTERN_SET_SCHEMA, RULE_SCHEMA
from txmix_hook.rules.validate import validate
from txmix_hook.rules.yaml_document import Document, KeyPath, load_documents

SCOPE_PLACEHOLDERS = {"scope_name", "rule_id"}


def load_rulebook(extra_folders: Iterable[Path] = (), include_builtin: bool = True) -> RuleBook:
    book = RuleBook()
    pending: list[tuple[Document, bool]] = []
    folders = ([(builtin_rules_dir(), True)] if include_builtin else []) + [(Path(f), False) for f in extra_folders]
    seen: set[Path] = set()
    for folder, builtin in folders:
        for path in rule_files(folder):
            if path.resolve() in seen:  # named twice (config and command line): load once
                continue
            seen.add(path.resolve())
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(str(path), 1, 1, "", f"cannot read rule file: {exc}") from None
            for doc in load_documents(text, str(path)):
                if not isinstance(doc.data, dict):
                    raise doc.error((), "a rule document must be a mapping")
                pending.append((doc, builtin))
    set_docs: dict[str, Document] = {}
    additions = _set_additions([doc for doc, _ in pending])
    for doc, _ in pending:
        if "pattern-set" in doc.data:
            validate(doc, PATTERN_SET_SCHEMA)
            set_id = doc.data["pattern-set"]
            if set_id in set_docs:
                raise doc.error(("pattern-set",), f"pattern set {set_id!r} is already defined in {set_docs[set_id].file}")
            set_docs[set_id] = doc
    for set_id, docs in additions.items():
        if set_id not in set_docs:
            raise docs[0].error(("add-to-set",), f"unknown pattern set {set_id!r} to add to (known: {', '.join(sorted(set_docs))})")
    for set_id in set_docs:
        _define_set(book, set_docs, set_id, (), additions)
    for doc, builtin in pending:
        if "pattern-set" in doc.data or "add-to-set" in doc.data:
            continue
        if doc.data.get("override") is True and not set(RULE_SCHEMA["required"]) <= set(doc.data):
            validate(doc, OVERRIDE_SCHEMA)
            _apply_override(doc, book)
            continue
        validate(doc, RULE_SCHEMA)
        if doc.data["id"] in ENGINE_RULES:
            raise doc.error(("id",), f"rule id {doc.data['id']} belongs to txmix's own {ENGINE_RULES[doc.data['id']].name} rule; choose another id")
        rule = _rule(doc, book, builtin)
        if rule.id in book.rules and doc.data.get("override") is not True:
            raise doc.error(("id",), f"rule {rule.id} is already defined in {book.rules[rule.id].origin} (say `override: true` to replace it)")
        book.rules[rule.id] = rule
    for doc, _ in pending:
        _check_set_references(doc, book)
    return book


def _set_additions(docs: list[Document]) -> dict[str, list[Document]]:
    """``add-to-set:`` documents by the set they add to (a team's factories for a built-in set)."""
    additions: dict[str, list[Document]] = {}
    for doc in docs:
        if "add-to-set" in doc.data:
            validate(doc, ADD_TO_SET_SCHEMA)
            additions.setdefault(doc.data["add-to-set"], []).append(doc)
    return additions


def _define_set(
    book: RuleBook, set_docs: dict[str, Document], set_id: str, chain: tuple[str, ...], additions: dict[str, list[Document]]
) -> None:
    """Define a named set after the set it extends (in any file, in any order), with what
    ``add-to-set`` documents add to it, so sets extending it inherit the additions too."""
    if set_id in book.sets:
        return
    doc = set_docs[set_id]
    base = doc.data.get("extends")
    if base is not None:
        if base in chain or base == set_id:
            raise doc.error(("extends",), f"pattern set {set_id!r} extends itself through {' -> '.join((*chain, set_id, base))}")
        if base not in set_docs:
            raise doc.error(("extends",), f"unknown pattern set {base!r} to extend")
        _define_set(book, set_docs, base, (*chain, set_id), additions)
    pset = _pattern_set(doc, set_id, doc.data, (), book)
    for extra in additions.get(set_id, []):
        added = _pattern_set(extra, set_id, {**extra.data, "label": pset.label}, (), book)
        pset = replace(pset, values=pset.values + added.values, queries=pset.queries + added.queries,
                       own_keywords=pset.own_keywords | added.own_keywords)
    book.sets[set_id] = pset


def _apply_override(doc: Document, book: RuleBook) -> None:
    rule_id = doc.data["id"]
    if rule_id not in book.rules:
        raise doc.error(("id",), f"no rule {rule_id} to override (known: {', '.join(sorted(book.rules))})")
    current = book.rules[rule_id]
    changes: dict[str, Any] = {"overridden_by": doc.file}
    if "severity" in doc.data:
        changes["severity"] = doc.data["severity"]
    if "enabled" in doc.data:
        changes["enabled"] = doc.data["enabled"]
    if "message" in doc.data:
        names = [s.name for s in current.sides]
        allowed = SCOPE_PLACEHOLDERS | {f"{n}{suffix}" for n in names for suffix in ("", "_line", "_label")}
        _check_template(doc, ("message",), doc.data["message"], allowed)
        changes["message"] = " ".join(doc.data["message"].split())
    book.rules[rule_id] = replace(current, **changes)


def _pattern_set(doc: Document, set_id: str, data: dict[str, Any], path: KeyPath, book: RuleBook) -> PatternSet:
    base = book.sets.get(data["extends"]) if data.get("extends") else None
    if data.get("extends") and base is None:
        raise doc.error(path + ("extends",), f"unknown pattern set {data['extends']!r} to extend (known: {', '.join(sorted(book.sets))})")
    values = list(base.values) if base else []
    for source in data.get("values", []):
        ((how, target),) = source.items()
        if isinstance(target, dict):
            values.append(ValueSource(how, target["set"], target["name"]))
        else:
            values.append(ValueSource(how, target))
    queries = []
    for i, text in enumerate(data.get("queries", [])):
        qpath = path + ("queries", i)
        pos = doc.position(qpath)
        source = QuerySource(text, doc.file, pos.line, pos.column, pos.block_scalar)
        compile_query_source(source, doc, qpath)
        queries.append(source)
    bind = data.get("bind-argument")
    bind_argument = BindArgument(bind.get("position"), bind.get("keyword")) if bind else (base.bind_argument if base else None)
    return PatternSet(
        id=set_id,
        label=data.get("label", base.label if base else set_id),
        values=tuple(values),
        queries=(base.queries if base else ()) + tuple(queries),
        own_keywords=frozenset(data.get("keywords", [])) | (base.own_keywords if base else frozenset()),
        bind_argument=bind_argument,
        origin=doc.file,
        description=data.get("description", base.description if base else ""),
        extends=base.id if base else None,
    )


def compile_query_source(source: QuerySource, doc: Document, path: KeyPath) -> Query:
    limited = query_problem(source.text)
    if limited is not None:
        offset, problem = limited
        before = source.text[:offset]
        raise _query_error(source, doc, path, before.count("\n"), offset - (before.rfind("\n") + 1), problem)
    try:
        return Query(PYTHON, source.text)
    except QueryError as exc:
        message = str(exc)
        row, col = _query_error_point(message)
        detail = message.split(": ", 1)[-1] if ": " in message else message
        kind = message.split(" at row")[0].lower()
        raise _query_error(source, doc, path, row, col, f'tree-sitter query error: {kind} "{detail}"') from None


def _query_error(source: QuerySource, doc: Document, path: KeyPath, row: int, col: int, message: str) -> RuleError:
    """A problem at (row, col) of the query text, positioned in the rule file."""
    if source.block_scalar:
        line, column = source.line + 1 + row, _block_indent(doc, source) + col + 1
    else:
        line, column = source.line + row, (source.column + col) if row == 0 else col + 1
    return RuleError(doc.file, line, column, format_key_path(path), message)


def _query_error_point(message: str) -> tuple[int, int]:
    found = re.search(r"row (\d+), column (\d+)", message)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _block_indent(doc: Document, source: QuerySource) -> int:
    try:
        lines = Path(doc.file).read_text(encoding="utf-8").splitlines()
        body = lines[source.line] if source.line < len(lines) else ""
        return len(body) - len(body.lstrip(" "))
    except OSError:
        return source.column + 1


def _is_session_side(side: dict[str, Any]) -> bool:
    """Is this side the ORM session (a ref to, or an inline extension of, the session pattern set)?"""
    return SESSION_SET in (side.get("ref"), side.get("extends"))


def _rule(doc: Document, book: RuleBook, builtin: bool) -> Rule:
    data = doc.data
    sides = []
    for name, side in data["sides"].items():
        path: KeyPath = ("sides", name)
        if "ref" in side:
            if set(side) - {"ref"}:
                extra = sorted(set(side) - {"ref"})[0]
                raise doc.error(path + (extra,), "a side is either `ref:` to a pattern set or an inline pattern set, not both")
            if side["ref"] not in book.sets:
                raise doc.error(path + ("ref",), f"unknown pattern set {side['ref']!r} (known: {', '.join(sorted(book.sets))})")
            sides.append(Side(name, side["ref"]))
        else:
            if "label" not in side and "extends" not in side:
                raise doc.error(path, "an inline side needs a `label` (or `extends:` a pattern set)")
            set_id = f"{data['id']}.{name}"
            book.sets[set_id] = _pattern_set(doc, set_id, side, path, book)
            sides.append(Side(name, set_id))
    side_names = [s.name for s in sides]
    if data["report-at"] not in side_names:
        raise doc.error(("report-at",), f"{data['report-at']!r} is not one of this rule's sides ({', '.join(side_names)})")
    allowed = SCOPE_PLACEHOLDERS | {f"{n}{suffix}" for n in side_names for suffix in ("", "_line", "_label")}
    _check_template(doc, ("message",), data["message"], allowed)
    tests = data.get("tests", {})
    fix = _fix_spec(doc, data.get("fix"), allowed)
    if fix is not None and fix.kinds and _is_session_side(data["sides"][data["report-at"]]):
        raise doc.error(("report-at",), "a rule with fix kinds must report at the raw side: fixes rewrite the raw connection, never the ORM session")
    if fix is not None and "fix-safety" not in data["docs"]:
        raise doc.error(("docs",), "a rule with a fix needs a `fix-safety` paragraph in its docs")
    return Rule(
        id=data["id"],
        name=data["name"],
        severity=data["severity"],
        scope=data["scope"],
        message=" ".join(data["message"].split()),
        report_at=data["report-at"],
        sides=tuple(sides),
        docs=dict(data["docs"]),
        valid_tests=tuple(tests.get("valid", [])),
        invalid_tests=tuple(tests.get("invalid", [])),
        origin=doc.file,
        builtin=builtin,
        fix=fix,
        enabled=data.get("enabled", True),
        test_lines=(_snippet_lines(doc, "valid"), _snippet_lines(doc, "invalid")),
        assumed_factories=(
            tuple(tests.get("assume", {}).get("session-factories", [])),
            tuple(tests.get("assume", {}).get("raw-connection-factories", [])),
        ),
    )


def _snippet_lines(doc: Document, kind: str) -> tuple[int, ...]:
    """For each embedded test, the rule-file line just before the snippet's first line."""
    lines = []
    for i, _ in enumerate(doc.data.get("tests", {}).get(kind, [])):
        pos = doc.position(("tests", kind, i))
        lines.append(pos.line if pos.block_scalar else pos.line - 1)
    return tuple(lines)


def _fix_spec(doc: Document, data: dict[str, Any] | None, allowed: set[str]) -> FixSpec | None:
    if data is None:
        return None
    for key in ("message", "connection", "async-connection", "flush", "async-flush"):
        if key in data:
            _check_template(doc, ("fix", key), data[key], allowed)
    kinds = tuple(data.get("kinds", []))
    if "share-connection" in kinds and "connection" not in data:
        raise doc.error(("fix",), "the share-connection fix needs `connection:` (the expression that replaces the raw connection)")
    if "execute-on-session" in kinds and "param-style" not in data:
        raise doc.error(("fix",), "the execute-on-session fix needs `param-style:` (pyformat or numeric)")
    return FixSpec(
        safety=data["safety"],
        message=" ".join(data["message"].split()),
        kinds=kinds,
        connection=data.get("connection", ""),
        async_connection=data.get("async-connection", data.get("connection", "")),
        flush=data.get("flush", ""),
        async_flush=data.get("async-flush", data.get("flush", "")),
        transaction_methods=tuple(data.get("transaction-methods", ["commit", "rollback", "close"])),
        param_style=data.get("param-style", ""),
    )


def _check_template(doc: Document, path: KeyPath, template: str, allowed: set[str]) -> None:
    """Only bare ``{name}`` fields of known names: a format spec (``{raw:>999999999}``) or a
    conversion (``{raw!z}``) would fail, or build a huge string, at the first finding instead."""
    try:
        fields = [(f, spec, conversion) for _, f, spec, conversion in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise doc.error(path, f"bad message template: {exc}") from None
    for name, spec, conversion in fields:
        if name not in allowed:
            raise doc.error(path, f"unknown placeholder {{{name}}} (known: {', '.join(sorted(allowed))})")
        if spec or conversion is not None:
            written = f"{{{name}{'!' + conversion if conversion is not None else ''}{':' + spec if spec else ''}}}"
            raise doc.error(path, f"placeholder {written} has a format spec or conversion; write plain {{{name}}}")


def _check_set_references(doc: Document, book: RuleBook) -> None:
    base: KeyPath = ()
    entries: list[tuple[KeyPath, dict[str, Any]]] = []
    if "pattern-set" in doc.data or "add-to-set" in doc.data:
        entries.append((base, doc.data))
    else:
        entries += [(("sides", n), s) for n, s in doc.data.get("sides", {}).items() if "ref" not in s]
    for path, data in entries:
        for i, source in enumerate(data.get("values", [])):
            (how, target), = source.items()
            if isinstance(target, dict) and target["set"] not in book.sets:
                raise doc.error(path + ("values", i, how, "set"), f"unknown pattern set {target['set']!r}")
            if how == "call-of" and target not in book.sets:
                raise doc.error(path + ("values", i, how), f"unknown pattern set {target!r}")
