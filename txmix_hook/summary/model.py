"""What phase 1 keeps of a module: plain, picklable data (see ``ir.py`` for expressions)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from txmix_hook.engine.comments import Comment
from txmix_hook.summary.ir import Call, Expr


class Pos(NamedTuple):
    """A span: bytes for ordering and re-finding nodes, 1-based rows and character columns for reports."""

    start_byte: int
    end_byte: int
    row: int
    column: int
    end_row: int
    end_column: int


class Binding(NamedTuple):
    how: str  # "value" | "annotation" | "param" (a bare parameter: shadows, holds nothing known)
    expr: Expr | None
    param: bool = False  # bound as a parameter (annotation/default of a def)


class Param(NamedTuple):
    name: str
    annotation: Expr | None
    default: Expr | None
    pos: Pos


class CallSite(NamedTuple):
    call: Call
    pos: Pos
    in_main: bool = False  # inside ``if __name__ == "__main__":`` (module scope only)


class WithBlock(NamedTuple):
    value: Expr
    alias: str  # "" when there is no ``as name``
    pos: Pos  # the with item's value
    end_byte: int  # end of the with statement


class AttrStore(NamedTuple):
    """``g.conn = ...`` / ``app.state.pool = ...``: a value stored on a shared object."""

    base: Expr
    name: str
    value: Expr
    scope: int


class SideCandidate(NamedTuple):
    set_ids: tuple[str, ...]  # every pattern set whose query matched here with this value
    value: Expr | None  # what must evaluate to a value of ``set_id`` (None: the query alone decides)
    pos: Pos
    scope: int
    name: str  # how a message names it: `conn`, `self.session`, `psycopg2.connect(...)`


@dataclass
class ScopeSummary:
    index: int
    kind: str  # "module" | "function" | "lambda" | "main" (the ``__main__`` block)
    name: str
    qualname: str  # "Repo.save", "create_order.<lambda>", "<module>"
    parent: int  # enclosing scope; -1 for the module
    pos: Pos
    klass: int = -1  # the class a def is a method of
    self_name: str = ""  # a method's first parameter (``self``)
    is_async: bool = False
    params: tuple[Param, ...] = ()
    decorators: tuple[Expr, ...] = ()
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    functions: dict[str, int] = field(default_factory=dict)  # defs bound by name here
    classes: dict[str, int] = field(default_factory=dict)
    returns: list[Expr] = field(default_factory=list)  # return and yield values
    calls: list[CallSite] = field(default_factory=list)  # in source order
    withs: list[WithBlock] = field(default_factory=list)
    globals: set[str] = field(default_factory=set)


@dataclass
class ClassSummary:
    index: int
    name: str
    qualname: str
    scope: int  # where the class statement is
    pos: Pos
    bases: tuple[Expr, ...] = ()
    decorators: tuple[Expr, ...] = ()
    methods: dict[str, int] = field(default_factory=dict)
    attributes: dict[str, list[Binding]] = field(default_factory=dict)  # class-level and self.x stores


@dataclass
class ModuleSummary:
    module: str  # dotted name ("app.api.orders"); "" when unknown
    is_package: bool  # an ``__init__.py``: relative imports resolve against itself
    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    scopes: list[ScopeSummary] = field(default_factory=list)
    classes: list[ClassSummary] = field(default_factory=list)
    attr_stores: list[AttrStore] = field(default_factory=list)
    lambdas: dict[int, int] = field(default_factory=dict)  # lambda start byte -> scope index
    sides: list[SideCandidate] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    first_code_row: int = 10**9
    syntax_error: tuple[int, int] | None = None  # (row, column), 1-based
    parsed: bool = False


def outward(scopes: Sequence[ScopeSummary], start: int) -> Iterator[int]:
    """``start`` and the scopes around it, innermost first, out to the module. (The name
    lookups on phase 2's hot path walk the chain inline instead.)"""
    current = start
    while 0 <= current < len(scopes):
        yield current
        current = scopes[current].parent
