"""Where a project starts, and each file's dotted module name within it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from txmix_hook.cache import marked_root
from txmix_hook.discovery import package_of


def project_root(paths: Sequence[Path]) -> Path | None:
    """The nearest folder holding pyproject.toml, setup.cfg or .git above all checked paths."""
    return marked_root(paths) if paths else None


def module_name(path: Path) -> tuple[str, bool]:
    """(dotted module name, is a package ``__init__``): the package chain of ``__init__.py`` files."""
    package = package_of(path.parent)
    if path.name in ("__init__.py", "__init__.pyi"):
        return package or path.parent.name, True
    stem = path.name.rsplit(".", 1)[0]
    return (f"{package}.{stem}" if package else stem), False
