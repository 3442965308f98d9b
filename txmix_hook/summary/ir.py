"""A small expression IR: what phase 2 needs of an expression, without tree-sitter nodes.

NamedTuples, not dataclasses: summaries cross process boundaries (workers, the cache) and
tuples pickle several times faster. Expressions are dispatched with ``isinstance`` and
memoised by identity, never compared across kinds.

Each ``Name`` carries the index of the scope it is looked up from, so a summary can be
evaluated long after its tree is gone, in another process, or from another module.
"""

from __future__ import annotations

from typing import NamedTuple, Union


class Name(NamedTuple):
    id: str
    scope: int  # index into ModuleSummary.scopes where lookup starts


class Attr(NamedTuple):
    base: Expr
    name: str


class Call(NamedTuple):
    func: Expr
    args: tuple[Expr, ...] = ()
    kwargs: tuple[tuple[str, Expr], ...] = ()

    def argument(self, position: int | None, keyword: str | None) -> Expr | None:
        """The argument passed at ``position`` or as ``keyword`` (the keyword wins)."""
        for name, value in self.kwargs:
            if keyword is not None and name == keyword:
                return value
        if position is not None and position < len(self.args):
            return self.args[position]
        return None


class Subscript(NamedTuple):
    """``Annotated[Session, Depends(get_db)]``, ``Optional[Pool]``, ``async_sessionmaker[S]``."""

    base: Expr
    items: tuple[Expr, ...]


class Either(NamedTuple):
    """``a if c else b``, ``a or b``, ``A | B``: any of the options."""

    options: tuple[Expr, ...]


class StringAnnotation(NamedTuple):
    text: str
    scope: int


class Lambda(NamedTuple):
    start_byte: int  # where the lambda starts: ModuleSummary.lambdas maps it to its scope


class Unknown(NamedTuple):
    what: str = "?"  # a field, so the value is never an empty (falsy) tuple


UNKNOWN = Unknown()

Expr = Union[Name, Attr, Call, Subscript, Either, StringAnnotation, Lambda, Unknown]


def root_name(expr: Expr) -> Name | None:
    """The name an attribute/call chain starts from: ``db`` in ``db.connection().connection``."""
    current: Expr = expr
    for _ in range(64):
        if isinstance(current, Name):
            return current
        if isinstance(current, Attr):
            current = current.base
        elif isinstance(current, Call):
            current = current.func
        else:
            return None
    return None


def dotted(expr: Expr) -> str:
    """``a.b.c`` for a pure attribute chain, "" otherwise."""
    parts: list[str] = []
    current: Expr = expr
    for _ in range(64):
        if isinstance(current, Attr):
            parts.append(current.name)
            current = current.base
        elif isinstance(current, Name):
            parts.append(current.id)
            return ".".join(reversed(parts))
        else:
            return ""
    return ""
