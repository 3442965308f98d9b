"""The ORM side (which sessions have a transaction open, on which connections) and TXM004/TXM005.

Session events keep ``tracking`` up to date: ``transient_to_pending`` notes the first
``session.add()``, ``after_begin`` hands over each connection the transaction takes,
``after_flush`` records the last write, and the end events close it (only when the root
transaction ends: a SAVEPOINT's commit or rollback leaves it open).

``Engine.raw_connection()`` (TXM004) and ``Engine.connect()`` / ``Engine.begin()`` (TXM005) are
wrapped so that the connections *the user's code* asks for are watched; SQLAlchemy calls the
same methods for the session's own connection, so a call from inside SQLAlchemy is passed
through untouched. A watched Core connection gets an instance-level ``before_cursor_execute``
listener, so statements on every other connection (the session's included) pay nothing.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import FrameType, ModuleType
from typing import Any, Self

from txmix_hook.runtime import patches, tracking
from txmix_hook.runtime.sites import UNKNOWN, call_site, called_from

_INTERNAL = ("sqlalchemy.engine", "sqlalchemy.orm", "sqlalchemy.pool", "sqlalchemy.dialects", "sqlalchemy.sql", "sqlalchemy.schema")
_listening: list[tuple[Any, str, Any]] = []


def _caller(depth: int) -> FrameType | None:
    try:
        return sys._getframe(depth + 1)
    except ValueError:  # the bottom of a greenlet's stack (AsyncEngine runs connect() there)
        return None


# ---- sessions ---------------------------------------------------------------------------


def _after_begin(session: Any, transaction: Any, connection: Any) -> None:
    # the stack walk only when this starts the session's work (an add() may have started it)
    site = UNKNOWN if tracking.is_tracked(session) else call_site()
    tracking.began(session, connection.connection, site)


def _transient_to_pending(session: Any, instance: Any) -> None:
    if not tracking.is_tracked(session):
        tracking.began(session, None, call_site())


def _pending_to_transient(session: Any, instance: Any) -> None:
    """``close()`` / ``expunge()`` of unflushed objects: no end event fires without a transaction."""
    if not session.in_transaction() and not session.new:
        tracking.ended(session)


def _after_flush(session: Any, flush_context: Any) -> None:
    if tracking.is_tracked(session):
        tracking.wrote(session, call_site())


def _after_commit_or_rollback(session: Any) -> None:
    root = session.get_transaction()
    if root is None or not root.is_active:
        tracking.ended(session)


def _after_soft_rollback(session: Any, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        tracking.ended(session)


def _after_transaction_end(session: Any, transaction: Any) -> None:
    if transaction.parent is None:
        tracking.ended(session)


_SESSION_EVENTS: dict[str, Callable[..., None]] = {
    "after_begin": _after_begin,
    "transient_to_pending": _transient_to_pending,
    "pending_to_transient": _pending_to_transient,
    "after_flush": _after_flush,
    "after_commit": _after_commit_or_rollback,
    "after_rollback": _after_commit_or_rollback,
    "after_soft_rollback": _after_soft_rollback,
    "after_transaction_end": _after_transaction_end,
}


def watch_orm(orm: ModuleType) -> None:
    from sqlalchemy import event

    for name, listener in _SESSION_EVENTS.items():
        event.listen(orm.Session, name, listener)
        _listening.append((orm.Session, name, listener))


def stop_listening() -> None:
    if not _listening:
        return
    from sqlalchemy import event

    while _listening:
        target, name, listener = _listening.pop()
        if event.contains(target, name, listener):
            event.remove(target, name, listener)


# ---- engine: connections the user's code opens -------------------------------------------


_SAVEPOINT_CONTROL = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


def _before_cursor_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
    # A session joining this connection (``Session(bind=conn, join_transaction_mode=
    # "create_savepoint")``) emits its SAVEPOINT before ``after_begin`` hands the connection over.
    if tracking.OPEN.get() and not statement.startswith(_SAVEPOINT_CONTROL):
        tracking.statement("TXM005", conn.connection.dbapi_connection, statement)


def watch_core_connection(conn: Any) -> Any:
    from sqlalchemy import event

    event.listen(conn, "before_cursor_execute", _before_cursor_execute)
    return conn


class _WatchOnEnter:
    """``engine.begin()``'s context manager, watching the connection it yields."""

    def __init__(self, manager: Any) -> None:
        self._manager = manager

    def __enter__(self) -> Any:
        return watch_core_connection(self._manager.__enter__())

    def __exit__(self, *exc_info: object) -> Any:
        return self._manager.__exit__(*exc_info)


class WatchedRawCursor:
    """A DBAPI cursor of ``engine.raw_connection()`` that reports before each statement."""

    def __init__(self, cursor: Any, dbapi_connection: object) -> None:
        self._cursor = cursor
        self._dbapi_connection = dbapi_connection

    def execute(self, operation: Any, *args: Any, **kwargs: Any) -> Any:
        tracking.statement("TXM004", self._dbapi_connection, operation)
        return self._cursor.execute(operation, *args, **kwargs)

    def executemany(self, operation: Any, *args: Any, **kwargs: Any) -> Any:
        tracking.statement("TXM004", self._dbapi_connection, operation)
        return self._cursor.executemany(operation, *args, **kwargs)

    def callproc(self, procname: Any, *args: Any, **kwargs: Any) -> Any:
        tracking.statement("TXM004", self._dbapi_connection, f"CALL {procname}")
        return self._cursor.callproc(procname, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._cursor.close()


class WatchedRawConnection:
    """``engine.raw_connection()``'s pooled connection, handing out watched cursors."""

    def __init__(self, pooled: Any) -> None:
        self._pooled = pooled

    def cursor(self, *args: Any, **kwargs: Any) -> WatchedRawCursor:
        return WatchedRawCursor(self._pooled.cursor(*args, **kwargs), self._pooled.dbapi_connection)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pooled, name)

    def __enter__(self) -> Self:
        self._pooled.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> Any:
        return self._pooled.__exit__(*exc_info)


def watch_engine(engine_module: ModuleType) -> None:
    engine_class = engine_module.Engine
    connect = engine_class.connect
    begin = engine_class.begin
    raw_connection = engine_class.raw_connection

    @functools.wraps(connect)
    def connect_watched(self: Any) -> Any:
        conn = connect(self)
        return conn if called_from(_caller(1), *_INTERNAL) else watch_core_connection(conn)

    @functools.wraps(begin)
    def begin_watched(self: Any) -> Any:
        manager = begin(self)
        return manager if called_from(_caller(1), *_INTERNAL) else _WatchOnEnter(manager)

    @functools.wraps(raw_connection)
    def raw_connection_watched(self: Any) -> Any:
        pooled = raw_connection(self)
        return pooled if called_from(_caller(1), *_INTERNAL) else WatchedRawConnection(pooled)

    patches.replace(engine_class, "connect", connect_watched)
    patches.replace(engine_class, "begin", begin_watched)
    patches.replace(engine_class, "raw_connection", raw_connection_watched)
