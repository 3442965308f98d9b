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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from txmix_hook.globs import glob_matches, name_matcher
from txmix_hook.regular_file import kind_of

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".bzr", "__pycache__", ".venv", "venv", ".tox", ".nox", ".eggs",
    "build", "dist", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "site-packages", "__pypackages__", ".direnv", "_build", "buck-out", "*.egg-info",
)
PYTHON_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class Candidate:
    where: str  # the path as ``str(Path(...))`` writes it: a ``Path`` per file costs more than its ``stat``
    display: str
    explicit: bool  # named on the command line rather than found by walking
    warning: str | None = None  # not to be read: why (a FIFO, a socket, a device)
    error: str | None = None  # not to be read, and the run fails: why (a folder that cannot be listed)
    status: os.stat_result | None = field(default=None, compare=False)  # taken while walking: one stat per file

    @property
    def path(self) -> Path:
        return Path(self.where)


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

    def excluded_name(self, name: str, path: str) -> bool:
        """While walking: the folders above were already checked, so the name is enough."""
        return self._name_excluded(name) or (bool(self._path_patterns) and self._path_excluded(_relative(Path(path), self.root)))

    def _name_excluded(self, name: str) -> bool:
        return name in self._literal_names or self._wild_matcher(name)

    @cached_property
    def _wild_matcher(self) -> Callable[[str], bool]:
        return name_matcher(self._wild_names)

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


def display_path(path: str | Path, absolute: str | None = None, here: str | None = None) -> str:
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
                yield _candidate(str(Path(root)), explicit=True)
            continue
        unreadable: list[Candidate] = []
        walked = list(_walk(root, rules, unreadable))
        if rules.respect_gitignore:
            walked = _drop_git_ignored(walked)
        yield from unreadable
        for path, status in walked:
            key = os.path.normpath(os.path.join(here, path))
            if key not in seen:
                seen.add(key)
                yield _candidate(path, explicit=False, absolute=key, here=here, status=status)


def _candidate(path: str, explicit: bool, absolute: str | None = None, here: str | None = None, status: os.stat_result | None = None) -> Candidate:
    shown = display_path(path, absolute, here)
    try:
        found = status if status is not None else os.stat(path)
        kind = kind_of(found.st_mode)
    except OSError:
        found, kind = None, None  # missing or unreadable: reading it reports exactly why
    warning = f"{shown}:1:1: warning: {kind}, not a regular file; skipped" if kind is not None else None
    return Candidate(path, shown, explicit=explicit, warning=warning, status=found)


def _walk(root: Path, rules: FileFilter, unreadable: list[Candidate]) -> Iterator[tuple[str, os.stat_result | None]]:
    """Python files below ``root`` with their status, in ``os.walk``'s top-down order (names
    sorted): one listing per folder and one ``stat`` per file, on strings, since this runs for
    every file of the project on every run. Links to folders are not followed."""
    if rules.force_exclude and rules.excluded(root) and Path(os.path.abspath(root)) != rules.root:
        return
    folders = [str(Path(root))]  # as pathlib writes it; each path below is its folder's + "/" + name
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            shown = display_path(Path(folder))
            unreadable.append(Candidate(folder, shown, explicit=False, error=f"{shown}/: cannot read folder: {exc.strerror or exc}; its files are not checked"))
            continue
        below, files = [], []
        for entry in entries:  # sorted after filtering: most entries of a project are not Python
            try:
                is_dir = entry.is_dir()  # from the listing itself on most file systems
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    below.append(entry)
            elif entry.name.endswith(PYTHON_SUFFIXES):
                files.append(entry)
        top = folder == "."  # "./name" is written "name" by pathlib
        for entry in sorted(files, key=_name):
            if not rules.excluded_name(entry.name, entry.path):
                yield entry.name if top else entry.path, _status(entry)
        below.sort(key=_name, reverse=True)
        folders.extend(entry.name if top else entry.path for entry in below if not rules.excluded_name(entry.name, entry.path) and not _is_venv(entry.path))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_venv(folder: str) -> bool:
    """A virtualenv under any name; asked before the folder is listed (it may not be listable)."""
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


def _status(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def _drop_git_ignored(paths: list[tuple[str, os.stat_result | None]]) -> list[tuple[str, os.stat_result | None]]:
    """Ask git which of ``paths`` it ignores (one call per run); outside a repo, keep all."""
    if not paths or not _maybe_in_git(os.path.dirname(os.path.abspath(paths[0][0]))):
        return paths
    import subprocess  # only inside a git work tree

    absolute = [os.fsencode(os.path.abspath(p)) for p, _ in paths]  # bytes: names need not be UTF-8
    try:
        done = subprocess.run(
            ["git", "check-ignore", "-z", "--stdin"],
            input=b"\0".join(absolute) + b"\0",
            capture_output=True, cwd=os.path.dirname(os.path.abspath(paths[0][0])), check=False,
        )
    except OSError:
        return paths
    if done.returncode not in (0, 1):  # 128: not a git repository (or git failed)
        return paths
    ignored = set(filter(None, done.stdout.split(b"\0")))
    return [p for p, name in zip(paths, absolute) if name not in ignored]


def _maybe_in_git(folder: str) -> bool:
    """Can git see a work tree here? Not without a ``.git`` above (or ``GIT_DIR`` set): then
    starting git only to hear "not a git repository" is skipped (30 ms a run)."""
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        return True
    current = folder
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return True
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent


def forget_packages() -> None:
    """Start a run afresh: a long-lived process (the language server, tests) may have seen a
    folder before its ``__init__.py`` was added."""
    package_in.cache_clear()


@lru_cache(maxsize=4096)
def package_in(directory: str) -> str:
    """Dotted package name of an absolute folder, climbing while there is an ``__init__.py``:
    on strings, and through this cache, so each folder of a run is looked at once (climbing
    from every folder anew asked five times as many)."""
    parent = os.path.dirname(directory)
    if parent == directory or not os.path.isfile(os.path.join(directory, "__init__.py")):
        return ""
    above = package_in(parent)
    name = os.path.basename(directory)
    return f"{above}.{name}" if above else name
