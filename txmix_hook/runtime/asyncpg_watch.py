"""TXM003: watch the connections the user opens with ``asyncpg.connect`` or takes from a pool.

asyncpg's ``Connection`` is a Python class with ``__slots__``: a watched connection's class is
swapped for a slot-less subclass whose statement methods report first. That also covers pools,
whose proxies forward every call to the connection, including pools created before
``install()`` (the pool's ``_acquire`` watches each connection it hands out). asyncpg's own
housekeeping (the reset a pool runs on release) is not the user's statement and is skipped.
Connections SQLAlchemy's asyncpg dialect opens are left alone.
"""

from __future__ import annotations

import functools
import sys
from types import ModuleType
from typing import Any

from txmix_hook.runtime import patches
from txmix_hook.runtime.sites import called_from, opened_by_sqlalchemy
from txmix_hook.runtime.tracking import OPEN, statement

RULE = "TXM003"
_QUERY_METHODS = ("execute", "executemany", "fetch", "fetchval", "fetchrow", "fetchmany", "prepare", "copy_from_query")
_TABLE_METHODS = ("copy_from_table", "copy_to_table", "copy_records_to_table")


def _report(conn: Any, sql: object) -> None:
    if OPEN.get() and not called_from(sys._getframe(2), "asyncpg.connection"):
        statement(RULE, conn, sql)


def _query_method(name: str) -> Any:
    async def method(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        _report(self, query)
        return await getattr(super(_watched_base(self), self), name)(query, *args, **kwargs)

    return method


def _table_method(name: str) -> Any:
    async def method(self: Any, table_name: Any, *args: Any, **kwargs: Any) -> Any:
        _report(self, f"COPY {table_name}")
        return await getattr(super(_watched_base(self), self), name)(table_name, *args, **kwargs)

    return method


def _cursor(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
    _report(self, query)
    return super(_watched_base(self), self).cursor(query, *args, **kwargs)


def _watched_base(conn: Any) -> Any:
    return type(conn)._txmix_watched


@functools.cache
def watched_connection_class(base: type) -> type:
    namespace: dict[str, Any] = {"__module__": __name__, "__slots__": (), "cursor": _cursor}
    namespace.update({name: _query_method(name) for name in _QUERY_METHODS})
    namespace.update({name: _table_method(name) for name in _TABLE_METHODS})
    watched = type(f"Watched{base.__name__}", (base,), namespace)
    watched._txmix_watched = watched  # type: ignore[attr-defined]
    return watched


def watch_connection(conn: Any) -> Any:
    if not hasattr(type(conn), "_txmix_watched"):
        conn.__class__ = watched_connection_class(conn.__class__)
    return conn


def watch_module(asyncpg: ModuleType) -> None:
    original = asyncpg.connect

    async def connect_watched(*args: Any, **kwargs: Any) -> Any:
        return watch_connection(await original(*args, **kwargs))

    @functools.wraps(original)
    def connect(*args: Any, **kwargs: Any) -> Any:
        if opened_by_sqlalchemy(sys._getframe(1)):
            return original(*args, **kwargs)
        return connect_watched(*args, **kwargs)

    patches.replace(asyncpg, "connect", connect)
    pool_class = asyncpg.Pool
    if "_acquire" in vars(pool_class):
        acquire = pool_class._acquire

        @functools.wraps(acquire)
        async def acquire_watched(self: Any, *args: Any, **kwargs: Any) -> Any:
            proxy = await acquire(self, *args, **kwargs)
            watch_connection(proxy._con)
            return proxy

        patches.replace(pool_class, "_acquire", acquire_watched)
