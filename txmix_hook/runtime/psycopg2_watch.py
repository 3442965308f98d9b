"""TXM001: watch the connections the user opens with ``psycopg2.connect``.

psycopg2's connection and cursor are C types: their methods cannot be patched and an
instance's class cannot be swapped. ``psycopg2.connect`` takes a ``connection_factory``, so the
wrapper passes a subclass of the user's factory (or of the plain connection) whose ``cursor()``
hands out a subclass of the requested cursor class that reports before each statement. The
classes are made once per base class. Connections SQLAlchemy opens for its pool are left
alone: the session's statements are not raw.
"""

from __future__ import annotations

import functools
import sys
from types import ModuleType
from typing import Any

from txmix_hook.runtime import patches
from txmix_hook.runtime.sites import opened_by_sqlalchemy
from txmix_hook.runtime.tracking import check, open_work, statement

RULE = "TXM001"


@functools.cache
def watched_cursor_class(base: type) -> type:
    base_execute = getattr(base, "execute")  # noqa: B009  (the hot path calls it directly: cheaper than super())

    class WatchedCursor(base):  # type: ignore[valid-type,misc]
        def execute(self, query: Any, vars: Any = None) -> Any:
            if open_work():
                check(RULE, self.connection, query)
            return base_execute(self, query, vars)

        def executemany(self, query: Any, vars_list: Any) -> Any:
            statement(RULE, self.connection, query)
            return super().executemany(query, vars_list)

        def callproc(self, procname: Any, *args: Any) -> Any:
            statement(RULE, self.connection, f"CALL {procname}")
            return super().callproc(procname, *args)

        def copy_expert(self, sql: Any, *args: Any, **kwargs: Any) -> Any:
            statement(RULE, self.connection, sql)
            return super().copy_expert(sql, *args, **kwargs)

        def copy_from(self, file: Any, table: Any, *args: Any, **kwargs: Any) -> Any:
            statement(RULE, self.connection, f"COPY {table} FROM STDIN")
            return super().copy_from(file, table, *args, **kwargs)

        def copy_to(self, file: Any, table: Any, *args: Any, **kwargs: Any) -> Any:
            statement(RULE, self.connection, f"COPY {table} TO STDOUT")
            return super().copy_to(file, table, *args, **kwargs)

    WatchedCursor.__name__ = WatchedCursor.__qualname__ = f"Watched{base.__name__}"
    return WatchedCursor


@functools.cache
def _cursor_interceptor(connection: type, default_cursor: type) -> type:
    class CursorInterceptor(connection):  # type: ignore[valid-type,misc]
        """Sits right above psycopg2's C connection in the MRO, so it sees the final factory."""

        def cursor(self, name: Any = None, cursor_factory: Any = None, *args: Any, **kwargs: Any) -> Any:
            factory = cursor_factory or self.cursor_factory or default_cursor
            return super().cursor(name, watched_cursor_class(factory), *args, **kwargs)

    return CursorInterceptor


@functools.cache
def watched_connection_class(base: type, connection: type, default_cursor: type) -> type:
    """``base`` with cursors watched; a subclass such as ``DictConnection`` still picks its cursor class."""
    interceptor = _cursor_interceptor(connection, default_cursor)
    if base is connection:
        return interceptor
    return type(f"Watched{base.__name__}", (base, interceptor), {"__module__": __name__})


def watch_module(psycopg2: ModuleType) -> None:
    original = psycopg2.connect
    extensions = sys.modules["psycopg2.extensions"]

    @functools.wraps(original)
    def connect(dsn: Any = None, connection_factory: Any = None, cursor_factory: Any = None, **kwargs: Any) -> Any:
        if opened_by_sqlalchemy(sys._getframe(1)):
            return original(dsn, connection_factory=connection_factory, cursor_factory=cursor_factory, **kwargs)
        base = connection_factory or extensions.connection
        factory = watched_connection_class(base, extensions.connection, extensions.cursor)
        return original(dsn, connection_factory=factory, cursor_factory=cursor_factory, **kwargs)

    patches.replace(psycopg2, "connect", connect)
