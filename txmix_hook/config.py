"""``[tool.txmix]`` in pyproject.toml, validated into ``FileConfig``.

Found like ruff finds its own: the nearest ``pyproject.toml`` with a ``[tool.txmix]`` table,
searching upward from the current directory; ``--config PATH`` names one, ``--isolated``
ignores them all. Every problem is one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from txmix_hook.globs import GlobError, check_glob
from txmix_hook.limits import KEYS as LIMIT_KEYS
from txmix_hook.limits import Limits
from txmix_hook.selection import RuleSelection


class ConfigError(Exception):
    """A configuration problem; the message is the one line the user sees."""


@dataclass(frozen=True)
class FileConfig:
    path: Path | None  # None: defaults (no config found, or --isolated)
    root: Path  # paths and globs in the config are relative to this folder
    selection: RuleSelection | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    respect_gitignore: bool = True
    extend_rules: tuple[Path, ...] = ()
    session_factories: tuple[str, ...] = ()
    raw_connection_factories: tuple[str, ...] = ()
    other_databases: tuple[str, ...] = ()  # dotted names of DSNs/settings that point at another database
    codes_to_check: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> codes, checked once rules load
    limits: Limits = field(default_factory=Limits)


_LIST_KEYS = (
    "select", "extend-select", "ignore", "exclude", "extend-exclude", "extend-rules",
    "session-factories", "raw-connection-factories", "other-databases",
)
KNOWN_KEYS = (*_LIST_KEYS, "per-file-ignores", "respect-gitignore", *LIMIT_KEYS)
_QUALNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                if isinstance(tool := _read_toml(candidate).get("tool"), dict) and "txmix" in tool:
                    return candidate
                if tool is not None and not isinstance(tool, dict):
                    return candidate  # `tool = "txmix"`: load_config names the key
            except ConfigError:
                return candidate  # a broken file near us is an error, not something to skip
    return None


def load_config(explicit: Path | None, isolated: bool, cwd: Path) -> FileConfig:
    if isolated:
        return FileConfig(path=None, root=cwd)
    path = explicit if explicit is not None else find_config(cwd)
    if path is None:
        return FileConfig(path=None, root=cwd)
    if not path.is_file():
        raise ConfigError(f"{_shown(path)}: config file not found")
    data = _read_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{_shown(path)}: tool: expected a table ([tool.txmix]), got {_toml_type(tool)}")
    table = tool.get("txmix", {}) if path.name == "pyproject.toml" else tool.get("txmix", data)
    return parse_table(table, path)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when a config is read: not with --isolated

    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_shown(path)}:{_toml_error_position(str(exc), text)}: invalid TOML: {_toml_reason(str(exc))}") from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        raise ConfigError(f"{_shown(path)}:1:1: invalid TOML: values nested too deeply to read") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{_shown(path)}: cannot read config: {exc}") from None


def _shown(path: Path) -> str:
    """The config file relative to the current directory (``../pyproject.toml``), as findings are shown."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def _toml_error_position(message: str, text: str) -> str:
    """Where the user must look, as ``line:column``.

    tomllib says ``(at line L, column C)``, or ``(at end of document)``: then the end of the
    last line. An unclosed ``[`` / ``{`` is noticed only at the start of the next statement;
    the mistake is at the end of the line before it.
    """
    lines = text.split("\n")
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    row, column = (int(found.group(1)), int(found.group(2))) if found else (len(lines) + 1, 1)
    if column == 1 and (not found or message.startswith("Unclosed")):
        before = [i for i in range(min(row - 1, len(lines))) if lines[i].strip()]
        if before:
            row = before[-1] + 1
            column = len(lines[row - 1].rstrip()) + 1
    return f"{row}:{column}"


def _toml_reason(message: str) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)


def parse_table(table: Any, path: Path) -> FileConfig:
    where = f"{_shown(path)}: [tool.txmix]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(f'{where} {key}: unknown key (known: {", ".join(KNOWN_KEYS)})')
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where} {key}: expected a list of strings, got {_toml_type(value)}")
            lists[key] = tuple(value)
    for key in ("exclude", "extend-exclude"):
        for pattern in lists.get(key, ()):
            _check_glob(pattern, f"{where} {key}")
    for key in ("session-factories", "raw-connection-factories", "other-databases"):
        for name in lists.get(key, ()):
            if not _QUALNAME.match(name):
                raise ConfigError(f'{where} {key}: "{name}" is not a dotted import path like "app.db.get_session"')
    respect = table.get("respect-gitignore", True)
    if not isinstance(respect, bool):
        raise ConfigError(f"{where} respect-gitignore: expected true or false, got {_toml_type(respect)}")
    per_file: list[tuple[str, tuple[str, ...]]] = []
    raw_pfi = table.get("per-file-ignores", {})
    if not isinstance(raw_pfi, dict):
        raise ConfigError(f"{where} per-file-ignores: expected a table of glob = [codes], got {_toml_type(raw_pfi)}")
    for pattern, codes in raw_pfi.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(f'{where} per-file-ignores."{pattern}": expected a list of rule codes, got {_toml_type(codes)}')
        _check_glob(pattern, f'{where} per-file-ignores."{pattern}"')
        per_file.append((pattern, tuple(codes)))
    limits: dict[str, int] = {}
    for key, field_name in LIMIT_KEYS.items():
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{where} {key}: expected a positive integer, got {value!r}")
            limits[field_name] = value
    root = path.parent.resolve()
    selection = None
    if any(k in table for k in ("select", "extend-select", "ignore")):
        selection = RuleSelection(lists.get("select"), lists.get("extend-select", ()), lists.get("ignore", ()), origin=str(path))
    codes_to_check = {f"{where} {k}": lists[k] for k in ("select", "extend-select", "ignore") if k in lists}
    codes_to_check.update({f'{where} per-file-ignores."{p}"': c for p, c in per_file})
    return FileConfig(
        path=path,
        root=root,
        selection=selection,
        exclude=lists.get("exclude"),
        extend_exclude=lists.get("extend-exclude", ()),
        per_file_ignores=tuple(per_file),
        respect_gitignore=respect,
        extend_rules=tuple((root / p) for p in lists.get("extend-rules", ())),
        session_factories=lists.get("session-factories", ()),
        raw_connection_factories=lists.get("raw-connection-factories", ()),
        other_databases=lists.get("other-databases", ()),
        codes_to_check=codes_to_check,
        limits=Limits(**limits),
    )


def _check_glob(pattern: str, where: str) -> None:
    try:
        check_glob(pattern)
    except GlobError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _toml_type(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array", dict: "a table"}.get(type(value), type(value).__name__)
