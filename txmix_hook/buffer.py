"""Checking text that is not (yet) on disk as if it were the file at PATH.

Standard input (``txmix check --stdin-filename PATH -``) and an editor's unsaved buffer (the
language server) both come through ``check_buffer``: PATH decides the display name, the
per-file ignores and whether the file is excluded, exactly as for the file on disk. This is
the one place where project-wide (cross-module) context has to be added for buffers once the
engine has a project index: the buffer replaces PATH's own summary in it.
"""

from __future__ import annotations

from pathlib import Path

from txmix_hook.internal_error import internal_error_line
from txmix_hook.limits import over_limit
from txmix_hook.runner import Checker, FileOutcome, RunResult
from txmix_hook.source import SourceError, decode_source


def check_buffer(data: bytes, path: Path, display: str, checker: Checker, honour_exclude: bool) -> RunResult:
    """One buffer's findings as a ``RunResult`` (so every report format and ``--fix`` apply).

    ``honour_exclude``: an excluded PATH is not checked (``--force-exclude``; editors always),
    and the result says no file was checked.
    """
    result = RunResult()
    if honour_exclude and checker.settings.file_filter.excluded(path):
        return result
    result.files_checked = 1
    try:
        source = decode_source(data, path, display)
    except SourceError as exc:
        result.errors.append(str(exc))
        return result
    if (too_big := over_limit(source.data, display, checker.settings.config.limits)) is not None:
        result.errors.append(too_big)
        return result
    try:
        checked = checker.check_source(source)
    except RecursionError:
        result.errors.append(f"{display}:1:1: too deeply nested to analyse; file skipped")
        return result
    except Exception as exc:  # noqa: BLE001 - an editor's buffer or stdin: one error line, never a traceback
        result.errors.append(internal_error_line(display, exc))
        return result
    result.warnings.extend(checked.warnings)
    result.suppressed = checked.suppressed
    result.findings = list(checked.findings)
    result.outcomes = [FileOutcome(source, result.findings)]
    return result
