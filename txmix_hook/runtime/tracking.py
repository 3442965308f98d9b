"""Which ORM transactions are open in this execution context, and which connections they own.

Each thread and each asyncio task runs in its own ``contextvars`` context, so the open
transactions live in a ``ContextVar`` holding an immutable tuple: a task that begins a session
sets a new tuple in its own context and never in a sibling's, so a raw statement in task B is
never blamed on task A's session. SQLAlchemy's asyncio extension runs the session's sync code
in a greenlet that shares the awaiting task's context, so its events land in the right place.

Ownership is process-wide: a connection the session's transaction holds (SQLAlchemy's
``Connection`` in ``after_begin``: its DBAPI and driver connection) is never "raw", whichever
context runs a statement on it. That is what keeps every safe pattern silent:
``session.connection().connection``, ``driver_connection``, ``get_raw_connection()`` and
``Session(bind=conn)`` all run on a connection the session owns.

The ORM side counts as open from the first pending object (``session.add``: its changes are
not in the database yet, so a raw read cannot see them and a failure persists only the raw
half) or the transaction's start, whichever comes first, until the root transaction ends.
It ends in whichever context commits, rolls back or closes it; it is then marked closed, so a
context that still lists it ignores it (and drops it at its next change).
"""

from __future__ import annotations

import weakref
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from txmix_hook.runtime.findings import RuntimeFinding, short_statement
from txmix_hook.runtime.reporting import dispatch
from txmix_hook.runtime.sites import Site, call_site


@dataclass(eq=False)
class OpenTransaction:
    """One session's open unit of work: pending objects and/or a database transaction."""

    session: weakref.ref[Any]
    began_at: Site
    last_wrote_at: Site | None = None
    keys: set[int] = field(default_factory=set)
    open: bool = True

    def active(self) -> bool:
        """Still open, asked of the session itself (a session closed with nothing to roll back
        fires no end event)."""
        session = self.session()
        return self.open and session is not None and (session.in_transaction() or bool(session.new))


OPEN: ContextVar[tuple[OpenTransaction, ...]] = ContextVar("txmix_open_transactions", default=())
_owned: dict[int, OpenTransaction] = {}
_by_session: weakref.WeakKeyDictionary[Any, OpenTransaction] = weakref.WeakKeyDictionary()


def pooled_keys(pooled: Any) -> set[int]:
    """Identities of the driver-level connections under a pool proxy (``Connection.connection``)."""
    keys = set()
    for name in ("dbapi_connection", "driver_connection"):
        inner = getattr(pooled, name, None)
        if inner is not None:
            keys.add(id(inner))
    return keys


def began(session: Any, pooled: Any, site: Site) -> None:
    """The session's work began (``pooled`` is None: an object was added) or its transaction
    took the pooled connection ``pooled`` (once per bind)."""
    transaction = _by_session.get(session)
    if transaction is None or not transaction.open:
        transaction = OpenTransaction(weakref.ref(session), began_at=site)
        _by_session[session] = transaction
        OPEN.set(tuple(t for t in OPEN.get() if t.active()) + (transaction,))
    if pooled is None:
        return
    for key in pooled_keys(pooled):
        transaction.keys.add(key)
        _owned[key] = transaction


def wrote(session: Any, site: Site) -> None:
    transaction = _by_session.get(session)
    if transaction is not None and transaction.open:
        transaction.last_wrote_at = site


def ended(session: Any) -> None:
    transaction = _by_session.pop(session, None)
    if transaction is None:
        return
    transaction.open = False
    for key in transaction.keys:
        if _owned.get(key) is transaction:
            del _owned[key]
    current = OPEN.get()
    if transaction in current:
        OPEN.set(tuple(t for t in current if t is not transaction))


def is_tracked(session: Any) -> bool:
    transaction = _by_session.get(session)
    return transaction is not None and transaction.open


def statement(rule: str, connection: object, sql: object) -> None:
    """The watched driver-level ``connection`` is about to run ``sql``: report it if it mixes.

    The hot path: with no ORM work open in this context it costs one ``ContextVar.get``.
    """
    if OPEN.get():
        check(rule, connection, sql)


open_work = OPEN.get  # for the drivers' hottest methods: the test of ``statement`` without its call


def check(rule: str, connection: object, sql: object) -> None:
    """``statement`` once ORM work is known to be open in this context."""
    if id(connection) in _owned:  # the connection of an open session transaction: not raw
        return
    current = OPEN.get()
    active = tuple(t for t in current if t.active())
    if len(active) != len(current):  # drop what ended elsewhere, so the hot path stays one get()
        OPEN.set(active)
    if not active:
        return
    transaction = active[-1]
    dispatch(RuntimeFinding(rule, short_statement(sql), call_site(), transaction.began_at, transaction.last_wrote_at))


def reset_context() -> object:
    """Start an empty tracking scope in this context (a request); returns the token to restore."""
    return OPEN.set(())


def restore_context(token: object) -> None:
    OPEN.reset(token)  # type: ignore[arg-type]


def forget_all() -> None:
    """On uninstall: no ownership survives into a later install."""
    for transaction in list(_by_session.values()):
        transaction.open = False
    _by_session.clear()
    _owned.clear()
