"""Findings as the editor sees them: diagnostics, quick fixes, and the rule's docs on hover."""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.uris import from_fs_path

from txmix_hook.add_noqa import noqa_edits
from txmix_hook.edits import Edit
from txmix_hook.engine_rules import ENGINE_RULES
from txmix_hook.finding import Finding, Location, Related
from txmix_hook.report.sarif import rule_descriptor
from txmix_hook.server.linter import BufferCheck
from txmix_hook.server.positions import contains, to_position, to_range

SOURCE = "txmix"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def _related_location(uri: str, lines: list[str], finding: Finding, related: Related, check: BufferCheck) -> types.Location | None:
    """Where a step of the finding's path is: in this document, or in another project file
    (a helper in another module), whose lines convert its columns to the editor's units."""
    if related.filename == finding.filename:
        return types.Location(uri=uri, range=to_range(lines, related.location, related.end_location))
    other = check.file_of(related.filename) if check.file_of is not None else None
    if other is None:
        return None
    path, other_lines = other
    other_uri = from_fs_path(os.path.abspath(path))
    if other_uri is None:
        return None
    return types.Location(uri=other_uri, range=to_range(other_lines, related.location, related.end_location))


def diagnostics(uri: str, check: BufferCheck, lines: list[str]) -> list[types.Diagnostic]:
    found = [
        types.Diagnostic(
            range=to_range(lines, f.location, f.end_location),
            message=f.message,
            severity=_SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.code,
            source=SOURCE,
            related_information=[
                types.DiagnosticRelatedInformation(location=location, message=r.message)
                for r in f.related
                if (location := _related_location(uri, lines, f, r, check)) is not None
            ]
            or None,
        )
        for f in check.findings
    ]
    found += [
        types.Diagnostic(
            range=types.Range(start=(p := to_position(lines, Location(e.row, e.column))), end=p),
            message=f"could not check this file: {e.message}",
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )
        for e in check.errors
    ]
    return found


def code_actions(uri: str, check: BufferCheck, lines: list[str], wanted: types.Range) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for finding, diagnostic in _findings_at(uri, check, lines, wanted):
        fix = finding.fix
        if fix is not None and fix.edits and fix.applicability in ("safe", "unsafe"):
            unsafe = " (unsafe)" if fix.applicability == "unsafe" else ""
            actions.append(types.CodeAction(
                title=f"txmix: fix {finding.code}{unsafe}: {fix.kind or 'apply the fix'}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.applicability == "safe",
                edit=_workspace_edit(uri, lines, fix.edits),
            ))
        if check.source is not None:
            edits, added, _ = noqa_edits(check.source, [finding])
            if added:
                actions.append(types.CodeAction(
                    title=f"txmix: ignore {finding.code} here (# txmix: ignore[{finding.code}])",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=_workspace_edit(uri, lines, edits),
                ))
    return actions


def hover(uri: str, check: BufferCheck, lines: list[str], at: types.Position) -> types.Hover | None:
    """The explanation of the rule behind the finding under the cursor (`txmix rule explain`)."""
    here = types.Range(start=at, end=at)
    for finding, diagnostic in _findings_at(uri, check, lines, here):
        text = rule_markdown(check, finding.code)
        if text:
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=diagnostic.range)
    return None


def rule_markdown(check: BufferCheck, code: str) -> str:
    rule = check.settings.book.rules.get(code) if check.settings is not None else None
    source = rule if rule is not None else ENGINE_RULES.get(code)
    if source is None:
        return ""
    descriptor = rule_descriptor(source.id, source.name, source.severity, source.docs)
    return f"**{code}** `{source.name}`\n\n{descriptor['help']['markdown']}"


def _findings_at(uri: str, check: BufferCheck, lines: list[str], wanted: types.Range) -> list[tuple[Finding, types.Diagnostic]]:
    pairs = zip(check.findings, diagnostics(uri, BufferCheck(check.findings), lines))
    return [(f, d) for f, d in pairs if contains(d.range, wanted)]


def _workspace_edit(uri: str, lines: list[str], edits: tuple[Edit, ...] | list[Edit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=to_range(lines, e.start, e.end), new_text=e.content) for e in edits]})

