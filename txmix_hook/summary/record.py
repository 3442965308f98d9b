"""A summary as it is cached and sent between processes: a few index facts in the clear, the
summary itself pickled and unpickled only when phase 2 first asks for it.

Phase 2 needs every module's name and the names it defines (to know which calls can reach
project code), but the whole summary only of the modules a reported file's analysis actually
reaches. A pre-commit run names ten files of a project of thousands: unpickling every other
summary cost more than the whole analysis, so it is deferred until it is needed.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from txmix_hook.summary.ir import Lambda
from txmix_hook.summary.model import ModuleSummary

if TYPE_CHECKING:
    from txmix_hook.engine.comments import Comment


class SummaryRecord:
    __slots__ = ("module", "_callables", "has_stores", "_comments", "first_code_row", "syntax_error", "key", "_body", "_summary", "_fetch")

    def __init__(self, summary: ModuleSummary | None = None) -> None:
        self._body: bytes | None = None
        self._summary = summary
        self._fetch: Callable[[], SummaryRecord | None] | None = None
        self.key: bytes | None = None  # its cache key, when it has one (it crosses from a worker with it)
        if summary is None:
            return  # filled by __setstate__
        self.module = summary.module  # dotted module name
        self._callables: frozenset[str] | str = callable_names(summary)
        self.has_stores = bool(summary.attr_stores)  # does it store values on shared objects (``g.x = ...``)?
        # What reporting in the file needs (suppressions, the syntax-error warning), without the rest.
        self._comments: list[Comment] | bytes = summary.comments
        self.first_code_row = summary.first_code_row
        self.syntax_error = summary.syntax_error

    @classmethod
    def of(cls, summary: ModuleSummary) -> SummaryRecord:
        return cls(summary)

    @property
    def callables(self) -> frozenset[str]:
        """Defs, classes, methods and lambda-bound names the module defines (phase 2 only)."""
        names = self._callables
        if isinstance(names, str):  # as stored (see ``__getstate__``)
            names = self._callables = frozenset(names.split("\0")) if names else frozenset()
        return names

    @property
    def comments(self) -> list[Comment]:
        """The comments that may hold a directive (for suppressions)."""
        found = self._comments
        if isinstance(found, bytes):  # as stored (see ``__getstate__``)
            found = self._comments = pickle.loads(found) if found else []
        return found

    def header(self) -> SummaryRecord:
        """The same record without its summary (what ``stat_index`` keeps)."""
        copy = SummaryRecord()
        copy.module, copy._callables, copy.has_stores = self.module, self._callables, self.has_stores
        copy._comments, copy.first_code_row, copy.syntax_error, copy.key = self._comments, self.first_code_row, self.syntax_error, self.key
        return copy

    def fetched_by(self, fetch: Callable[[], SummaryRecord | None]) -> SummaryRecord:
        """This very header, its summary from ``fetch`` on first use: no copy, for a header only
        one run holds (fresh from the status index, one per file: copies cost 10 ms a warm run)."""
        self._fetch = fetch
        return self

    @property
    def bare(self) -> bool:
        """Is this a header alone (its summary neither loaded nor held pickled)?"""
        return self._summary is None and self._body is None

    @property
    def summary(self) -> ModuleSummary:
        if self._summary is None:
            if self._body is not None:
                self._summary = pickle.loads(self._body)
                self._body = None  # not held twice; pickled again only if it must cross again
            else:
                full = self._fetch() if self._fetch is not None else None
                # A file gone since its status was taken has nothing left to follow.
                self._summary = full.summary if full is not None else ModuleSummary(self.module, False)
        return self._summary

    def __getstate__(self) -> tuple[Any, ...]:
        """The names as one string and the comments pickled apart: a warm run unpickles every
        project file's record (the status index) and needs neither of them for most files;
        as sets and objects they were most of that time (33 ms of 35 on the pinned corpus)."""
        if self._body is None and self._summary is not None:  # pickled once, then kept: the cache and a worker's pipe share it
            self._body = pickle.dumps(self._summary, protocol=pickle.HIGHEST_PROTOCOL)
        names = self._callables if isinstance(self._callables, str) else "\0".join(sorted(self._callables))
        comments = self._comments if isinstance(self._comments, bytes) else pickle.dumps(self._comments, protocol=pickle.HIGHEST_PROTOCOL) if self._comments else b""
        return (self.module, names, self.has_stores, comments, self.first_code_row, self.syntax_error, self.key, self._body)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.module, self._callables, self.has_stores, self._comments, self.first_code_row, self.syntax_error, self.key, self._body = state
        self._summary = None
        self._fetch = None


def callable_names(summary: ModuleSummary) -> frozenset[str]:
    """Names a call must end in to reach this module's code: defs, classes, names bound to lambdas."""
    names: set[str] = set()
    for scope in summary.scopes:
        names.update(scope.functions)
        names.update(scope.classes)
        names.update(n for n, bs in scope.bindings.items() if any(isinstance(b.expr, Lambda) for b in bs))
    for klass in summary.classes:
        names.update(klass.methods)
        names.update(n for n, bs in klass.attributes.items() if any(isinstance(b.expr, Lambda) for b in bs))
    return frozenset(names)
