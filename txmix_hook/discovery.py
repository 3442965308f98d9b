"""Which files a run looks at: Python files under the given paths, minus excluded and ignored ones.

Excludes apply while walking; a file named on the command line is always checked unless
``--force-exclude`` is given (how pre-commit calls hooks, as with ruff). With
``respect-gitignore``, a walk inside a git work tree asks git itself which files it ignores.

Discovery never blocks or stops a run: only regular files are read (a FIFO, socket or device
named ``*.py`` becomes a warning line, checked with ``os.stat``, never opened), a folder that
cannot be listed becomes an error line, and a file name that is not valid UTF-8 is passed to
git as bytes and shown with its bad bytes escaped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from txmix_hook.globs import glob_matches
from txmix_hook.regular_file import kind_of

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".bzr", "__pycache__", ".venv", "venv", ".tox", ".nox", ".eggs",
    "build", "dist", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "site-packages", "__pypackages__", ".direnv", "_build", "buck-out", "*.egg-info",
)
PYTHON_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str
    explicit: bool  # named on the command line rather than found by walking
    warning: str | None = None  # not to be read: why (a FIFO, a socket, a device)
    error: str | None = None  # not to be read, and the run fails: why (a folder that cannot be listed)


@dataclass(frozen=True)
class FileFilter:
    root: Path  # exclude globs are relative to this folder
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    respect_gitignore: bool = True
    force_exclude: bool = False

    def excluded(self, path: Path) -> bool:
        """Is ``path`` or any folder above it (below the root) excluded?"""
        relative = _relative(path, self.root)
        return any(self._name_excluded(part) for part in relative.split("/")) or self._path_excluded(relative)

    def excluded_entry(self, path: Path) -> bool:
        """While walking: the folders above were already checked, so the name is enough."""
        return self._name_excluded(path.name) or (bool(self._path_patterns) and self._path_excluded(_relative(path, self.root)))

    def _name_excluded(self, name: str) -> bool:
        return name in self._literal_names or any(glob_matches(p, name) for p in self._wild_names)

    def _path_excluded(self, relative: str) -> bool:
        return any(glob_matches(p, relative) for p in self._path_patterns)

    @cached_property
    def _literal_names(self) -> frozenset[str]:
        return frozenset(p.rstrip("/") for p in self.exclude if "/" not in p.rstrip("/") and not set("*?[") & set(p))

    @cached_property
    def _wild_names(self) -> tuple[str, ...]:
        return tuple(p for p in self.exclude if "/" not in p.rstrip("/") and set("*?[") & set(p))

    @cached_property
    def _path_patterns(self) -> tuple[str, ...]:
        return tuple(p for p in self.exclude if "/" in p.rstrip("/"))


def _relative(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def display_path(path: Path, absolute: str | None = None, here: str | None = None) -> str:
    """``path`` relative to the current directory when it is below it, else as given (on strings:
    this runs for every file of a run)."""
    absolute = absolute or os.path.abspath(path)
    here = here or os.getcwd()
    prefix = here if here.endswith(os.sep) else here + os.sep
    shown = "." if absolute == here else absolute[len(prefix) :] if absolute.startswith(prefix) else str(path)
    return printable(shown)


def printable(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (surrogate escapes) as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def discover(paths: Sequence[Path], file_filter: FileFilter | None = None) -> Iterator[Candidate]:
    rules = file_filter or FileFilter(root=Path.cwd())
    seen: set[str] = set()
    here = os.getcwd()
    for root in paths:
        if not os.path.isdir(root):
            key = os.path.abspath(root)
            if key not in seen and not (rules.force_exclude and rules.excluded(root)):
                seen.add(key)
                yield _candidate(root, explicit=True)
            continue
        unreadable: list[Candidate] = []
        walked = list(_walk(root, rules, unreadable))
        if rules.respect_gitignore:
            walked = _drop_git_ignored(walked)
        yield from unreadable
        for path in walked:
            key = os.path.normpath(os.path.join(here, path))
            if key not in seen:
                seen.add(key)
                yield _candidate(path, explicit=False, absolute=key, here=here)


def _candidate(path: Path, explicit: bool, absolute: str | None = None, here: str | None = None) -> Candidate:
    shown = display_path(path, absolute, here)
    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError:
        kind = None  # missing or unreadable: reading it reports exactly why
    warning = f"{shown}:1:1: warning: {kind}, not a regular file; skipped" if kind is not None else None
    return Candidate(path, shown, explicit=explicit, warning=warning)


def _walk(root: Path, rules: FileFilter, unreadable: list[Candidate]) -> Iterator[Path]:
    if rules.force_exclude and rules.excluded(root) and Path(os.path.abspath(root)) != rules.root:
        return

    def folder_error(exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename is not None else root
        shown = display_path(folder)
        reason = exc.strerror or str(exc)
        unreadable.append(Candidate(folder, shown, explicit=False, error=f"{shown}/: cannot read folder: {reason}; its files are not checked"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=folder_error):
        parent = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not _skipped_dir(parent / d, rules))
        for name in sorted(filenames):
            if name.endswith(PYTHON_SUFFIXES):
                path = parent / name
                if not rules.excluded_entry(path):
                    yield path


def _skipped_dir(path: Path, rules: FileFilter) -> bool:
    return rules.excluded_entry(path) or os.path.isfile(os.path.join(path, "pyvenv.cfg"))  # a venv under any name


def _drop_git_ignored(paths: list[Path]) -> list[Path]:
    """Ask git which of ``paths`` it ignores (one call per run); outside a repo, keep all."""
    if not paths:
        return paths
    absolute = [os.fsencode(os.path.abspath(p)) for p in paths]  # bytes: names need not be UTF-8
    try:
        done = subprocess.run(
            ["git", "check-ignore", "-z", "--stdin"],
            input=b"\0".join(absolute) + b"\0",
            capture_output=True, cwd=os.path.dirname(os.path.abspath(paths[0])), check=False,
        )
    except OSError:
        return paths
    if done.returncode not in (0, 1):  # 128: not a git repository (or git failed)
        return paths
    ignored = set(filter(None, done.stdout.split(b"\0")))
    return [p for p, name in zip(paths, absolute) if name not in ignored]


def package_of(directory: Path) -> str:
    """Dotted package name of a directory, climbing while there is an ``__init__.py``."""
    return _package_of_absolute(os.path.abspath(directory))


def forget_packages() -> None:
    """Start a run afresh: a long-lived process (the language server, tests) may have seen a
    folder before its ``__init__.py`` was added."""
    _package_of_absolute.cache_clear()


@lru_cache(maxsize=4096)
def _package_of_absolute(directory: str) -> str:
    """Once per folder of a run, on strings (this runs for every file)."""
    parts: list[str] = []
    current = directory
    while os.path.isfile(os.path.join(current, "__init__.py")) and os.path.dirname(current) != current:
        parts.append(os.path.basename(current))
        current = os.path.dirname(current)
    return ".".join(reversed(parts))
