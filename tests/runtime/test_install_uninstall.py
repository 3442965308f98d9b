"""``install()`` wraps only what the program imports (now or later); ``uninstall()`` puts every
wrapped attribute back by identity and removes every listener and the import hook."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import asyncpg
import psycopg
import psycopg2
import psycopg_pool
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from txmix_hook import runtime
from txmix_hook.runtime import patches
from txmix_hook.runtime.sqlalchemy_watch import _SESSION_EVENTS

WRAPPED = [
    (psycopg2, "connect"),
    (psycopg, "connect"),
    (psycopg.Connection, "connect"),
    (psycopg.AsyncConnection, "connect"),
    (psycopg_pool.ConnectionPool, "getconn"),
    (psycopg_pool.AsyncConnectionPool, "getconn"),
    (asyncpg, "connect"),
    (asyncpg.Pool, "_acquire"),
    (Engine, "connect"),
    (Engine, "begin"),
    (Engine, "raw_connection"),
]


def test_uninstall_restores_every_wrapped_function_by_identity() -> None:
    originals = {(owner, name): vars(owner)[name] for owner, name in WRAPPED}
    meta_path = list(sys.meta_path)
    runtime.install("warn")
    try:
        assert {(p.owner, p.name) for p in patches.applied()} == set(originals), "the test names every wrapped attribute"
        for (owner, name), original in originals.items():
            assert vars(owner)[name] is not original, f"{owner}.{name} is wrapped"
        assert all(event.contains(Session, name, listener) for name, listener in _SESSION_EVENTS.items())
        assert len(sys.meta_path) == len(meta_path) + 1
    finally:
        runtime.uninstall()
    for (owner, name), original in originals.items():
        assert vars(owner)[name] is original, f"{owner}.{name} restored"
    assert not any(event.contains(Session, name, listener) for name, listener in _SESSION_EVENTS.items())
    assert sys.meta_path == meta_path
    assert patches.applied() == []
    runtime.uninstall()  # a second uninstall is harmless


def test_install_twice_wraps_once_and_switches_the_mode() -> None:
    from txmix_hook.runtime.reporting import current_mode

    runtime.install("warn")
    try:
        wrapped = psycopg2.connect
        runtime.install("error")
        assert psycopg2.connect is wrapped and current_mode() == "error"
    finally:
        runtime.uninstall()


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_drivers_imported_after_install_are_wrapped_and_none_is_imported_by_install() -> None:
    out = _run(
        """
        import sys
        from txmix_hook import runtime
        runtime.install("warn")
        print(sorted(m for m in ("psycopg2", "psycopg", "asyncpg", "psycopg_pool", "sqlalchemy") if m in sys.modules))
        import psycopg2
        print(hasattr(psycopg2.connect, "__wrapped__"), psycopg2.__spec__.loader.__class__.__name__)
        from sqlalchemy.orm import Session
        from sqlalchemy import event
        from txmix_hook.runtime.sqlalchemy_watch import _after_begin
        print(event.contains(Session, "after_begin", _after_begin))
        runtime.uninstall()
        print(hasattr(psycopg2.connect, "__wrapped__"), event.contains(Session, "after_begin", _after_begin))
        """
    )
    assert out.splitlines() == [
        "[]",
        "True SourceFileLoader",
        "True",
        "False False",
    ]


def test_an_unknown_mode_is_refused_before_anything_is_wrapped() -> None:
    import pytest

    with pytest.raises(ValueError, match="one of warn, error, not 'loud'"):
        runtime.install("loud")  # type: ignore[arg-type]
    assert not runtime.installed() and patches.applied() == []
