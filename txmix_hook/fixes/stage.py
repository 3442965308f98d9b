"""The fix stage: after matching, re-parse only the files whose findings can carry edits.

Matching works on node-free summaries; a fix needs the real nodes, so each file with a fixable
finding is parsed once more here, and the function and the raw-side expression are found again
by their byte spans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from tree_sitter import Node

from txmix_hook.edits import Fix
from txmix_hook.engine.parse import parse
from txmix_hook.finding import Finding
from txmix_hook.fixes.builder import build_fix
from txmix_hook.fixes.context import FixContext, is_async_scope
from txmix_hook.match.findings import FixRequest, Planned
from txmix_hook.source import SourceFile

SCOPE_NODE_TYPES = ("function_definition", "lambda", "module", "if_statement")


def attach_fixes(planned: Sequence[Planned], source_of: Callable[[str], SourceFile | None]) -> list[Finding]:
    """Findings with their fixes: edits where both sides are in one function, the suggestion otherwise."""
    by_file: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(planned):
        if item.fix is not None and item.fix.direct:
            by_file[item.finding.filename].append(number)
    findings = [item.finding for item in planned]
    for number, item in enumerate(planned):
        if item.fix is not None and item.fix.rule.fix is not None and not item.fix.direct:
            spec = item.fix.rule.fix
            findings[number] = replace(item.finding, fix=Fix(spec.message.format(**item.fix.values), "display-only", ()))
    for filename, numbers in by_file.items():
        source = source_of(filename)
        if source is None:
            continue
        root = parse(source.data).root_node
        for number in numbers:
            request = planned[number].fix
            assert request is not None and request.rule.fix is not None
            scope = _node_at(root, request.scope_pos.start_byte, request.scope_pos.end_byte, SCOPE_NODE_TYPES) or root
            raw = _node_at(root, request.raw_pos.start_byte, request.raw_pos.end_byte, None)
            if raw is None:
                continue
            context = FixContext(
                source=source,
                scope=scope if scope.type != "if_statement" else root,
                is_async=is_async_scope(scope),
                values=request.values,
                orm_name=request.orm_name,
                raw_name=request.raw_name,
                raw_node=raw,
                imports=request.imports,
            )
            findings[number] = replace(findings[number], fix=build_fix(request.rule.fix, context))
    return findings


def _node_at(root: Node, start: int, end: int, types: tuple[str, ...] | None) -> Node | None:
    node = root.named_descendant_for_byte_range(start, end)
    while node is not None and (node.start_byte != start or node.end_byte != end or (types is not None and node.type not in types)):
        if node.start_byte < start or node.end_byte > end:
            return None if types is not None else node
        node = node.parent
    return node
