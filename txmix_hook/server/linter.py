"""Checking an editor buffer with the configuration its file would get on disk.

The project around a document is summarised from the project's cache (the one ``txmix check``
fills), so the first diagnostics of a large project come from summaries already on disk.
Settings are built once per configuration file (the nearest ``pyproject.toml`` with a
``[tool.txmix]`` table above the document) and version of it (its modification time, so an
edited configuration applies at the next check even in editors that do not watch files), and
dropped when the editor reports a watched configuration or rule file changed. Files the
configuration excludes are not checked, as ruff's server does.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from txmix_hook.baseline import BaselineError
from txmix_hook.buffer import check_buffer
from txmix_hook.cache import open_cache
from txmix_hook.config import ConfigError, find_config
from txmix_hook.discovery import display_path
from txmix_hook.finding import Finding
from txmix_hook.report.errors import FileError
from txmix_hook.rules.errors import RuleError
from txmix_hook.runner import Checker
from txmix_hook.selection import SelectionError
from txmix_hook.settings import CommandLine, Settings, build_settings
from txmix_hook.source import SourceFile

SETTINGS_ERRORS = (ConfigError, RuleError, SelectionError, BaselineError)


@dataclass
class BufferCheck:
    """One document's latest check: what diagnostics, code actions and hovers are made from."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    source: SourceFile | None = None
    settings: Settings | None = None
    file_of: Callable[[str], tuple[str, list[str]] | None] | None = None  # another project file: its path and lines


class Linter:
    def __init__(self) -> None:
        self._checkers: dict[tuple[Path | None, int], Checker] = {}

    def reload(self) -> None:
        """A configuration or rule file changed: build settings afresh on the next check."""
        self._checkers.clear()

    def refresh_project(self) -> None:
        """Python files changed on disk: the next check reads each project again."""
        for checker in self._checkers.values():
            checker.forget_project()

    def checker_for(self, path: Path) -> Checker:
        """Raises ``SETTINGS_ERRORS`` for a broken configuration or rule file."""
        config = find_config(path.parent)
        key = (config, config.stat().st_mtime_ns if config is not None else 0)
        if key not in self._checkers:
            self._checkers = {k: v for k, v in self._checkers.items() if k[0] != config}
            cache = open_cache([path.parent])  # the project's cache, as `txmix check` there uses it
            self._checkers[key] = Checker(build_settings(CommandLine(config=config), cwd=path.parent, cache=cache), cache)
        return self._checkers[key]

    def check(self, path: Path, text: str) -> BufferCheck:
        checker = self.checker_for(path)
        result = check_buffer(buffer_bytes(text), path, display_path(path), checker, honour_exclude=True)
        source = result.outcomes[0].source if result.outcomes else None
        return BufferCheck(result.findings, [FileError.parse(e) for e in result.errors], source, checker.settings, checker.file_of)


def buffer_bytes(text: str) -> bytes:
    """The bytes the file would have on disk: in its declared encoding (PEP 263), else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(text.encode("utf-8", "surrogatepass")).readline)
        return text.encode(encoding)
    except (SyntaxError, LookupError, UnicodeError):
        return text.encode("utf-8", "surrogatepass")
