"""Import hygiene for fix output, so a fixed file passes the team's other hooks (ruff F401/I001/E501).

A fix that moves ``conn.execute`` onto the session needs ``text`` and can leave ``import psycopg2``
unused. The added import goes where isort / ruff's I001 would put it (merged into an existing
``from sqlalchemy import ...``, or among its section's peers in sorted order); an import whose
every use the fixes removed is removed too. Only top-level imports are touched, and only those
used before the fixes: an import that was unused already is the user's, not ours to judge.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from tree_sitter import Node

from txmix_hook.edits import Edit
from txmix_hook.engine.parse import parse, text
from txmix_hook.finding import Location
from txmix_hook.source import SourceFile

MIN_LINE_LIMIT = 88  # ruff's default line-length


def line_limit(source: SourceFile) -> int:
    """The longest line a fix may write: the file's longest line or 88, whichever is larger."""
    return max(MIN_LINE_LIMIT, source.longest_line)


@dataclass(frozen=True)
class _Import:
    node: Node
    module: str  # "" for a relative import's dots only
    is_from: bool
    names: tuple[tuple[str, str], ...]  # (source text of the name, the name it binds)

    @property
    def key(self) -> tuple[int, int, str]:
        return (_section(self.module, self.node), int(self.is_from), self.module.lower())


def add_from_import(root: Node, source: SourceFile, module: str, name: str, newline: str) -> Edit:
    """``from module import name``, merged into that module's import or placed among its peers."""
    imports = _top_level_imports(root)
    limit = line_limit(source)
    for imp in imports:
        if imp.is_from and imp.module == module and _mergeable(imp):
            names = sorted({n for n, _ in imp.names} | {name}, key=_member_key)
            wrapped = "(" in text(imp.node)
            content = _format_from(module, names, wrapped, limit, newline)
            return Edit(_loc(source, imp.node.start_point), _loc(source, imp.node.end_point), content)
    line = f"from {module} import {name}"
    key = (2, 1, module.lower())
    before = [imp for imp in imports if imp.key < key]
    after = [imp for imp in imports if imp.key > key]
    if before and before[-1].key[0] == 2 or not after and before:
        row = before[-1].node.end_point[0] + 1
        blank = "" if before[-1].key[0] == 2 else newline
        return Edit(Location(row + 1, 1), Location(row + 1, 1), blank + line + newline)
    if after:
        row = after[0].node.start_point[0]
        blank = "" if after[0].key[0] == 2 else newline
        return Edit(Location(row + 1, 1), Location(row + 1, 1), line + newline + blank)
    return Edit(Location(1, 1), Location(1, 1), line + newline)


def unused_import_edits(before: SourceFile, after: SourceFile) -> list[Edit]:
    """Remove from ``after`` the top-level imports that were used in ``before`` and no longer are."""
    old_root, new_root = parse(before.text.encode()).root_node, parse(after.text.encode()).root_node
    if "__all__" in after.text:
        return []  # a name may be exported by string: leave them all
    was_used, is_used = _used_names(old_root), _used_names(new_root)
    newline = "\r\n" if "\r\n" in after.text else "\n"
    edits = []
    for imp in _top_level_imports(new_root):
        if _section(imp.module, imp.node) == 0 or "*" in text(imp.node) or "#" in text(imp.node):
            continue
        keep = [(src, bound) for src, bound in imp.names if not (bound in was_used and bound not in is_used)]
        if len(keep) == len(imp.names):
            continue
        if not keep:
            if _alone_on_its_lines(after, imp.node):
                first, last = imp.node.start_point[0], imp.node.end_point[0]
                edits.append(Edit(Location(first + 1, 1), Location(last + 2, 1), ""))
            continue
        names = [src for src, _ in keep]
        if imp.is_from:
            module = text(imp.node.child_by_field_name("module_name"))
            content = _format_from(module, names, "(" in text(imp.node), line_limit(after), newline)
        else:
            content = "import " + ", ".join(names)
        edits.append(Edit(_loc(after, imp.node.start_point), _loc(after, imp.node.end_point), content))
    return edits


def _top_level_imports(root: Node) -> list[_Import]:
    found = []
    for node in root.named_children:
        if node.type == "import_statement":
            names = node.children_by_field_name("name")
            first = names[0].child_by_field_name("name") if names[0].type == "aliased_import" else names[0]
            found.append(_Import(node, text(first), False, tuple((text(n), _bound(n, top=True)) for n in names)))
        elif node.type == "import_from_statement":
            module_node = node.child_by_field_name("module_name")
            module = text(module_node) if module_node is not None and module_node.type == "dotted_name" else ""
            names = tuple((text(n), _bound(n, top=False)) for n in node.children_by_field_name("name"))
            found.append(_Import(node, module, True, names))
        elif node.type == "future_import_statement":
            found.append(_Import(node, "__future__", True, ()))
    return found


def _bound(name: Node, top: bool) -> str:
    if name.type == "aliased_import":
        return text(name.child_by_field_name("alias"))
    return text(name).split(".")[0] if top else text(name)


def _section(module: str, node: Node) -> int:
    """isort's sections: future, standard library, third party, relative (first party is not knowable here)."""
    if module == "__future__":
        return 0
    module_node = node.child_by_field_name("module_name")
    if not module or module_node is not None and module_node.type == "relative_import":
        return 4
    return 1 if module.split(".")[0] in sys.stdlib_module_names else 2


def _member_key(name: str) -> tuple[int, str, str]:
    """ruff's ``order-by-type``: CONSTANTS, then Classes, then the rest; case-insensitive within each."""
    bare = name.split(" as ")[0]
    kind = 0 if bare.isupper() and len(bare) > 1 else 1 if bare[:1].isupper() else 2
    return (kind, bare.lower(), name)


def _mergeable(imp: _Import) -> bool:
    source = text(imp.node)
    return "#" not in source and "*" not in source and "\\" not in source


def _format_from(module: str, names: list[str], wrapped: bool, limit: int, newline: str) -> str:
    one_line = f"from {module} import {', '.join(names)}"
    if not wrapped and len(one_line) <= limit:
        return one_line
    return f"from {module} import (" + newline + "".join(f"    {n},{newline}" for n in names) + ")"


def _used_names(root: Node) -> set[str]:
    used: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in ("import_statement", "import_from_statement", "future_import_statement"):
            continue
        if node.type == "identifier":
            parent = node.parent
            if parent is not None and parent.type == "attribute" and parent.child_by_field_name("attribute") == node:
                continue
            if parent is not None and parent.type == "keyword_argument" and parent.child_by_field_name("name") == node:
                continue
            used.add(text(node))
        elif node.type == "string":
            used.update(text(node).strip("'\"rbuf").split("."))  # a name in a string annotation counts as used
        stack.extend(node.children)
    return used


def _alone_on_its_lines(source: SourceFile, node: Node) -> bool:
    lines = source.physical_lines
    first, last = node.start_point[0], node.end_point[0]
    before = lines[first].encode()[: node.start_point[1]].decode(errors="replace")
    after = lines[last].encode()[node.end_point[1] :].decode(errors="replace")
    return before.strip() == "" and after.strip() in ("", "\r")


def _loc(source: SourceFile, point: tuple[int, int]) -> Location:
    return Location(point[0] + 1, source.column(point[0], point[1]))
