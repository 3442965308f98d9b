"""TXM002: watch the connections the user opens with psycopg 3 or takes from a psycopg pool.

psycopg 3 is pure Python at the connection level and builds every cursor (``conn.cursor()``,
``conn.execute()``) from the connection's ``cursor_factory`` / ``server_cursor_factory``. A
watched connection gets subclasses of those factories that report before each statement;
nothing is patched on psycopg's own classes except the ``connect`` entry points and the pools'
``getconn``. Connections SQLAlchemy opens are left alone.
"""

from __future__ import annotations

import functools
import inspect
import sys
from types import ModuleType
from typing import Any

from txmix_hook.runtime import patches
from txmix_hook.runtime.sites import opened_by_sqlalchemy
from txmix_hook.runtime.tracking import check, open_work

RULE = "TXM002"
_STATEMENT_METHODS = ("execute", "executemany", "stream", "copy")


def _sync_method(wrapped: Any) -> Any:
    def method(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if open_work():
            check(RULE, self.connection, query)
        return wrapped(self, query, *args, **kwargs)

    return method


def _async_method(wrapped: Any) -> Any:
    async def method(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if open_work():
            check(RULE, self.connection, query)
        return await wrapped(self, query, *args, **kwargs)

    return method


@functools.cache
def watched_cursor_class(base: type) -> type:
    namespace: dict[str, Any] = {"__module__": __name__}
    for name in _STATEMENT_METHODS:
        wrapped = getattr(base, name, None)
        if wrapped is not None:
            namespace[name] = (_async_method if inspect.iscoroutinefunction(wrapped) else _sync_method)(wrapped)
    watched = type(f"Watched{base.__name__}", (base,), namespace)
    watched._txmix_watched = watched  # type: ignore[attr-defined]
    return watched


def watch_connection(conn: Any) -> Any:
    """Make ``conn``'s cursors report; idempotent, so a pooled connection can be watched again."""
    for attribute in ("cursor_factory", "server_cursor_factory"):
        factory = getattr(conn, attribute, None)
        if isinstance(factory, type) and not hasattr(factory, "_txmix_watched"):
            setattr(conn, attribute, watched_cursor_class(factory))
    return conn


def _by_user() -> bool:
    return not opened_by_sqlalchemy(sys._getframe(2))


def _wrap_classmethod_connect(cls: type) -> None:
    original = vars(cls)["connect"]
    function = original.__func__
    if inspect.iscoroutinefunction(function):

        async def connect_async(klass: type, *args: Any, **kwargs: Any) -> Any:
            return watch_connection(await function(klass, *args, **kwargs))

        def connect(klass: type, *args: Any, **kwargs: Any) -> Any:
            if not _by_user():
                return function(klass, *args, **kwargs)
            return connect_async(klass, *args, **kwargs)

    else:

        def connect(klass: type, *args: Any, **kwargs: Any) -> Any:
            conn = function(klass, *args, **kwargs)
            return watch_connection(conn) if _by_user() else conn

    patches.replace(cls, "connect", classmethod(functools.wraps(function)(connect)))


def watch_module(psycopg: ModuleType) -> None:
    _wrap_classmethod_connect(psycopg.Connection)
    _wrap_classmethod_connect(psycopg.AsyncConnection)
    original = psycopg.connect

    @functools.wraps(original)
    def connect(*args: Any, **kwargs: Any) -> Any:
        conn = original(*args, **kwargs)
        return conn if opened_by_sqlalchemy(sys._getframe(1)) else watch_connection(conn)

    patches.replace(psycopg, "connect", connect)


def watch_pool_module(psycopg_pool: ModuleType) -> None:
    """Pools made before ``install()`` hold unwatched connections: watch each one handed out."""
    sync_getconn = psycopg_pool.ConnectionPool.getconn

    @functools.wraps(sync_getconn)
    def getconn(self: Any, *args: Any, **kwargs: Any) -> Any:
        return watch_connection(sync_getconn(self, *args, **kwargs))

    async_getconn = psycopg_pool.AsyncConnectionPool.getconn

    @functools.wraps(async_getconn)
    async def getconn_async(self: Any, *args: Any, **kwargs: Any) -> Any:
        return watch_connection(await async_getconn(self, *args, **kwargs))

    patches.replace(psycopg_pool.ConnectionPool, "getconn", getconn)
    patches.replace(psycopg_pool.AsyncConnectionPool, "getconn", getconn_async)
