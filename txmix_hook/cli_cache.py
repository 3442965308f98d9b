"""``txmix cache ...``: manage the analysis cache (ruff's ``clean``, under one group)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from txmix_hook.cache import NotACacheError, cache_dir, clean


@click.group("cache")
def cache_group() -> None:
    """Manage the analysis cache (.txmix_cache at the project root, or TXMIX_CACHE_DIR)."""


@cache_group.command("clean")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def cache_clean(paths: tuple[Path, ...]) -> None:
    """Remove the cache a check of PATHS (default: the current directory) would use."""
    directory = cache_dir(list(paths))
    try:
        removed = clean(directory)
    except NotACacheError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{directory}: cannot remove the cache: {exc.strerror or exc}")
    click.echo(f"Removed {directory}" if removed else f"No cache at {directory}", err=True)


def _fail(message: str) -> None:
    click.echo(f"txmix: error: {message}", err=True)
    sys.exit(2)
