"""Where in the user's code something happened: the first frame outside the database libraries.

Events fire deep inside SQLAlchemy or a driver; a report is only useful if it points at the
user's line. The walk skips the data-access libraries and the guard itself, and caches the
verdict per code object so that a walk costs a few attribute reads per frame. Under
SQLAlchemy's asyncio extension the sync code runs in a greenlet whose stack ends at its
``run`` function; the walk then continues in the parent greenlet, where the user's coroutine
is waiting.
"""

from __future__ import annotations

import functools
import os
import sys
from types import CodeType, FrameType
from typing import NamedTuple

_SKIPPED_PACKAGES = frozenset({"sqlalchemy", "psycopg2", "psycopg", "psycopg_pool", "asyncpg", "greenlet", "contextlib"})
_SKIPPED_PREFIX = "txmix_hook.runtime"
_verdicts: dict[CodeType, bool] = {}


class Site(NamedTuple):
    path: str
    line: int
    function: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} in {self.function}"


UNKNOWN = Site("<unknown>", 0, "?")


def _is_library(frame: FrameType) -> bool:
    code = frame.f_code
    verdict = _verdicts.get(code)
    if verdict is None:
        module = frame.f_globals.get("__name__") or ""
        verdict = module.partition(".")[0] in _SKIPPED_PACKAGES or module.startswith(_SKIPPED_PREFIX)
        _verdicts[code] = verdict
    return verdict


def _parent_greenlet_frame() -> FrameType | None:
    greenlet = sys.modules.get("greenlet")
    if greenlet is None:
        return None
    parent = greenlet.getcurrent().parent
    return parent.gr_frame if parent is not None else None


@functools.lru_cache(maxsize=1024)
def _display_path(path: str) -> str:
    """Relative to the working directory when under it (as ``txmix check`` prints paths)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def call_site(start: FrameType | None = None) -> Site:
    """The innermost frame, from ``start`` (default: the caller) outwards, in the user's code."""
    frame: FrameType | None = start if start is not None else sys._getframe(1)
    crossed_greenlet = False
    while True:
        while frame is not None and _is_library(frame):
            frame = frame.f_back
        if frame is not None:
            return Site(_display_path(frame.f_code.co_filename), frame.f_lineno, frame.f_code.co_name)
        if crossed_greenlet:
            return UNKNOWN
        frame = _parent_greenlet_frame()
        crossed_greenlet = True
        if frame is None:
            return UNKNOWN


def called_from(frame: FrameType | None, *packages: str) -> bool:
    """Whether ``frame`` runs code of one of ``packages`` (dotted prefixes): who is opening a connection."""
    if frame is None:
        return False
    module = frame.f_globals.get("__name__") or ""
    return any(module == package or module.startswith(package + ".") for package in packages)


def opened_by_sqlalchemy(frame: FrameType | None) -> bool:
    """Whether a driver's ``connect`` called from ``frame`` opens a connection for SQLAlchemy's pool.

    Either SQLAlchemy's dialect calls it, or the user's ``creator=`` function does on behalf of
    the pool: such a connection becomes a session's, so it is not watched.
    """
    if called_from(frame, "sqlalchemy"):
        return True
    while frame is not None:
        if called_from(frame, "sqlalchemy.pool"):
            return True
        frame = frame.f_back
    return False
