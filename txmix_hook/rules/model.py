"""What a loaded rule is: plain frozen data, built once, shared by every file analysed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ValueSource:
    """A binding fact: ``how`` is call / annotation / call-of / attribute-of / method-of."""

    how: str
    target: str  # a qualified name (call, annotation) or a pattern-set id (the *-of kinds)
    name: str | None = None  # attribute or method name for attribute-of / method-of
    by_name_alone: bool = False  # declared in config: may be reached by a relative import


@dataclass(frozen=True)
class QuerySource:
    text: str
    file: str
    line: int
    column: int
    block_scalar: bool


@dataclass(frozen=True)
class BindArgument:
    position: int | None
    keyword: str | None


@dataclass(frozen=True)
class PatternSet:
    id: str
    label: str
    values: tuple[ValueSource, ...]
    queries: tuple[QuerySource, ...]
    own_keywords: frozenset[str]
    bind_argument: BindArgument | None
    origin: str
    description: str = ""
    extends: str | None = None  # the set this one starts from (its values are all this one's too)


@dataclass(frozen=True)
class Side:
    name: str
    set_id: str


@dataclass(frozen=True)
class FixSpec:
    """A rule's ``fix:`` block: templates over the side names (``{orm}``, ``{raw}``)."""

    safety: str
    message: str
    kinds: tuple[str, ...] = ()
    connection: str = ""
    async_connection: str = ""
    flush: str = ""
    async_flush: str = ""
    transaction_methods: tuple[str, ...] = ("commit", "rollback", "close")
    param_style: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    scope: str
    message: str
    report_at: str
    sides: tuple[Side, ...]
    docs: dict[str, str]
    valid_tests: tuple[str, ...]
    invalid_tests: tuple[str, ...]
    origin: str
    builtin: bool = field(default=False)
    assumed_factories: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # (session, raw) for tests
    fix: FixSpec | None = None
    enabled: bool = True
    overridden_by: str = ""  # the rule file whose `override: true` document changed this rule
    test_lines: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())  # file line before each (valid, invalid) snippet

    def side(self, name: str) -> Side:
        return next(s for s in self.sides if s.name == name)

    @property
    def other_sides(self) -> tuple[Side, ...]:
        return tuple(s for s in self.sides if s.name != self.report_at)
