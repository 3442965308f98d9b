"""Where a project starts, and each file's dotted module name within it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from txmix_hook.cache import marked_root
from txmix_hook.discovery import package_in


def project_root(paths: Sequence[Path]) -> Path | None:
    """The nearest folder holding pyproject.toml, setup.cfg or .git above all checked paths."""
    return marked_root(paths) if paths else None


def module_name(path: str | Path) -> tuple[str, bool]:
    """(dotted module name, is a package ``__init__``): the package chain of ``__init__.py`` files."""
    folder, name = os.path.split(os.path.abspath(path))  # on strings: once per file of a run
    package = package_in(folder)
    if name in ("__init__.py", "__init__.pyi"):
        return package or os.path.basename(folder), True
    stem = name.rsplit(".", 1)[0]
    return (f"{package}.{stem}" if package else stem), False
