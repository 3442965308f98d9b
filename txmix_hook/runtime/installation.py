"""Turning the guard on and off: ``install()``, ``uninstall()`` and the ``guard()`` block.

``install()`` wraps only what the program itself imports: drivers already in ``sys.modules`` at
once, the others when (and if) they are imported while the guard is installed. It never imports
a driver or SQLAlchemy itself. ``uninstall()`` removes every listener, puts every wrapped
attribute back (the very same objects) and forgets every tracked transaction; connections
watched meanwhile keep their watching classes, which then report nothing.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType

from txmix_hook.runtime import imports, patches, reporting, tracking
from txmix_hook.runtime.findings import RuntimeFinding
from txmix_hook.runtime.reporting import Mode


def _watcher(watch_module: str, function: str) -> Callable[[ModuleType], None]:
    """Our watcher module is imported only when the driver it watches is."""

    def watch(module: ModuleType) -> None:
        getattr(importlib.import_module(f"txmix_hook.runtime.{watch_module}"), function)(module)

    return watch


# module name -> what to wrap once it is imported
WATCHERS: dict[str, Callable[[ModuleType], None]] = {
    "psycopg2": _watcher("psycopg2_watch", "watch_module"),
    "psycopg": _watcher("psycopg_watch", "watch_module"),
    "psycopg_pool": _watcher("psycopg_watch", "watch_pool_module"),
    "asyncpg": _watcher("asyncpg_watch", "watch_module"),
    "sqlalchemy.orm": _watcher("sqlalchemy_watch", "watch_orm"),
    "sqlalchemy.engine": _watcher("sqlalchemy_watch", "watch_engine"),
}

_lock = threading.Lock()
_finder: list[imports.WatchImports] = []


def installed() -> bool:
    return bool(_finder)


def install(mode: Mode = "warn") -> None:
    """Start watching (or switch the mode of a running guard): ``warn`` or ``error``."""
    reporting.set_mode(mode)
    with _lock:
        if not _finder:
            _finder.append(imports.watch(WATCHERS))


def uninstall() -> None:
    """Stop watching and restore every wrapped function and listener."""
    with _lock:
        if not _finder:
            return
        imports.unwatch(_finder.pop())
        from txmix_hook.runtime import sqlalchemy_watch

        sqlalchemy_watch.stop_listening()
        patches.restore_all()
        tracking.forget_all()


@contextmanager
def guard(mode: Mode = "warn") -> Iterator[list[RuntimeFinding]]:
    """Watch the block; yields the list of findings made (in any thread) while it runs.

    Installs the guard for the block unless it already runs (then only the mode changes for
    the block), and leaves it as it found it.
    """
    was_installed, previous_mode = installed(), reporting.current_mode()
    found: list[RuntimeFinding] = []
    reporting.add_listener(found.append)
    install(mode)
    try:
        yield found
    finally:
        reporting.remove_listener(found.append)
        if was_installed:
            reporting.set_mode(previous_mode)
        else:
            uninstall()
