"""Which files a run looks at: Python files under the given paths, minus tool and build dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", "__pycache__", ".venv", "venv", ".tox", ".nox", ".eggs",
    "build", "dist", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "site-packages", "__pypackages__", ".direnv", "_build", "buck-out",
})
PYTHON_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str
    explicit: bool  # named on the command line rather than found by walking


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover(paths: list[Path]) -> Iterator[Candidate]:
    seen: set[Path] = set()
    for root in paths:
        if root.is_file() or not root.exists():
            key = root.resolve()
            if key not in seen:
                seen.add(key)
                yield Candidate(root, display_path(root), explicit=True)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not _skipped_dir(Path(dirpath), d))
            for name in sorted(filenames):
                if name.endswith(PYTHON_SUFFIXES):
                    path = Path(dirpath) / name
                    key = path.resolve()
                    if key not in seen:
                        seen.add(key)
                        yield Candidate(path, display_path(path), explicit=False)


def _skipped_dir(parent: Path, name: str) -> bool:
    if name in SKIPPED_DIRS or name.endswith(".egg-info"):
        return True
    return (parent / name / "pyvenv.cfg").is_file()  # a virtualenv under any name


@lru_cache(maxsize=4096)
def package_of(directory: Path) -> str:
    """Dotted package name of a directory, climbing while there is an ``__init__.py``."""
    parts: list[str] = []
    current = directory.resolve()
    while (current / "__init__.py").is_file() and current.parent != current:
        parts.append(current.name)
        current = current.parent
    return ".".join(reversed(parts))
