"""Which qualified name each imported local name stands for (``pg`` -> ``psycopg2``)."""

from __future__ import annotations

from tree_sitter import Node

from txmix_hook.engine.parse import text


def record_import(node: Node, table: dict[str, str], package: str | None) -> None:
    """Add the names an ``import`` / ``from ... import`` statement binds to ``table``.

    ``package`` is the dotted package of the file, used to resolve relative imports; when it
    is unknown, a relative import still binds its names, under their own dotted tail.
    """
    if node.type == "import_statement":
        for name in node.children_by_field_name("name"):
            if name.type == "aliased_import":
                dotted = text(name.child_by_field_name("name"))
                table[text(name.child_by_field_name("alias"))] = dotted
            else:
                dotted = text(name)
                table[dotted.split(".")[0]] = dotted.split(".")[0]
        return
    module_node = node.child_by_field_name("module_name")
    module = _module_of(module_node, package) if module_node is not None else ""
    for name in node.children_by_field_name("name"):
        if name.type == "aliased_import":
            imported, local = text(name.child_by_field_name("name")), text(name.child_by_field_name("alias"))
        else:
            imported = local = text(name)
        table[local] = f"{module}.{imported}" if module else imported


def _module_of(node: Node, package: str | None) -> str:
    if node.type != "relative_import":
        return text(node)
    prefix = next((c for c in node.children if c.type == "import_prefix"), None)
    dots = len(text(prefix)) if prefix is not None else 0
    tail = next((text(c) for c in node.children if c.type == "dotted_name"), "")
    if package is None:
        return tail
    parts = package.split(".") if package else []
    base = parts[: len(parts) - (dots - 1)] if dots - 1 <= len(parts) else []
    return ".".join(base + ([tail] if tail else []))
