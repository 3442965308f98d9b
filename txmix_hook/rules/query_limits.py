"""Bounded work per rule query, checked on the query text before tree-sitter sees it.

A rule file is user input, and some queries cost without bound: tree-sitter's query compiler
recurses once per nesting level (a query nested 50,000 deep kills the process), its work
grows faster than the number of alternatives, and ``#match?`` regexes are run by Python's
backtracking ``re`` engine inside py-tree-sitter (its ``Query`` binds ``re.compile`` when it is
imported, so no linear-time engine can be swapped in), where ``^(a+)+$`` against a long
identifier never finishes. So size, nesting and alternatives are capped, and a regex is
accepted only in a shape Python's engine runs in linear time (see ``regex_problem``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from re import _constants as sre_constants  # type: ignore[attr-defined]  # the parser ``re`` itself uses (3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]

MAX_QUERY_BYTES = 100_000  # the built-in queries are under 2 KB each
MAX_QUERY_DEPTH = 64  # the built-in queries nest 6 deep
MAX_ALTERNATIVES = 1_000  # branches of one `[...]` alternation
MATCH_PREDICATES = frozenset({"#match?", "#not-match?", "#any-match?", "#any-not-match?"})

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|;[^\n]*|[()\[\]]|[^\s()\[\]";]+|\s+', re.S)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


@dataclass
class _Group:
    opener: str
    offset: int
    items: list[str | _Group] = field(default_factory=list)


def query_problem(text: str) -> tuple[int, str] | None:
    """The first limit ``text`` breaks, as (offset in the text, message); None when within all."""
    stack = [_Group("", 0)]
    for token in _TOKEN.finditer(text):
        value = token.group()
        if value in ("(", "["):
            if len(stack) > MAX_QUERY_DEPTH:
                return token.start(), f"query nests deeper than {MAX_QUERY_DEPTH} levels"
            group = _Group(value, token.start())
            stack[-1].items.append(group)
            stack.append(group)
        elif value in (")", "]"):
            closed = stack.pop() if len(stack) > 1 else None
            if closed is not None and closed.opener == "[" and len(closed.items) > MAX_ALTERNATIVES:
                return closed.offset, f"alternation has {len(closed.items)} branches, more than {MAX_ALTERNATIVES}"
            if closed is not None and closed.items and isinstance(closed.items[0], str) and closed.items[0] in MATCH_PREDICATES:
                problem = _predicate_problem(closed)
                if problem is not None:
                    return closed.offset, problem
        elif not value.isspace() and not value.startswith(";"):
            stack[-1].items.append(value)
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        return 0, f"query is longer than {MAX_QUERY_BYTES} bytes"
    return None


def _predicate_problem(predicate: _Group) -> str | None:
    pattern = next((i for i in predicate.items[1:] if isinstance(i, str) and i.startswith('"')), None)
    if pattern is None:
        return None  # tree-sitter itself reports the malformed predicate
    regex = _unquote(pattern)
    problem = regex_problem(regex)
    shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
    return f"{predicate.items[0]} regex {shown}: {problem}" if problem else None


def _unquote(literal: str) -> str:
    body = literal[1:-1] if len(literal) > 1 and literal.endswith('"') else literal[1:]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body, flags=re.S)


def regex_problem(regex: str) -> str | None:
    """Why Python's backtracking engine could take super-linear time on ``regex``, or None.

    Accepted: no backreferences or lookarounds; no repeat inside a repeat (``(a+)+``); no
    alternation under a repeat (``(a|ab)*``: write a character class); at most one unbounded
    repeat (``*``, ``+``, ``{m,}``), and then the pattern starts with ``^`` (``re.search`` tries an anchored
    pattern at one position only, so one repeat backtracks at most once over the text).
    """
    try:
        parsed = sre_parse.parse(regex)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    except RecursionError:
        return "groups nested too deeply"
    variable: list[bool] = []
    problem = _walk(list(parsed), inside_repeat=False, variable=variable)
    if problem:
        return problem
    if len(variable) > 1:
        return "more than one unbounded repeat (*, +, {m,}) can backtrack polynomially; use one, or several predicates"
    if variable and not _anchored(list(parsed)):
        return "a pattern with a repeat must start with ^ (an unanchored search retries the repeat at every position)"
    return None


_SMALL_REPEAT = 16  # `?` or `{0,3}`: bounded backtracking, not counted as a repeat of varying length
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
_REFUSED = {
    sre_constants.GROUPREF: "backreferences are not allowed",
    sre_constants.GROUPREF_EXISTS: "conditional groups are not allowed",
    sre_constants.ASSERT: "lookahead/lookbehind is not allowed",
    sre_constants.ASSERT_NOT: "lookahead/lookbehind is not allowed",
}


def _walk(items: list[tuple[object, object]], inside_repeat: bool, variable: list[bool]) -> str | None:
    """Iterative over siblings, recursive over groups (whose depth ``sre_parse`` already bounds)."""
    for op, argument in items:
        if op in _REFUSED:
            return _REFUSED[op]  # type: ignore[index]
        if op in _REPEATS:
            low, high, body = argument  # type: ignore[misc]
            if inside_repeat and (high != low or _has_repeat(list(body))):
                return "a repeat inside a repeat (like (a+)+) backtracks exponentially"
            if high == sre_constants.MAXREPEAT or high - low > _SMALL_REPEAT:
                variable.append(True)
            if any(o == sre_constants.BRANCH for o, _ in _flatten(list(body))):
                return "an alternation under a repeat (like (a|ab)*) backtracks exponentially; use a character class"
            problem = _walk(list(body), inside_repeat=True, variable=variable)
        elif op == sre_constants.SUBPATTERN:
            problem = _walk(list(argument[-1]), inside_repeat, variable)  # type: ignore[index]
        elif op == sre_constants.ATOMIC_GROUP:
            problem = _walk(list(argument), inside_repeat, variable)  # type: ignore[arg-type]
        elif op == sre_constants.BRANCH:
            problem = next((p for b in argument[1] if (p := _walk(list(b), inside_repeat, variable))), None)  # type: ignore[index]
        else:
            problem = None
        if problem:
            return problem
    return None


def _has_repeat(items: list[tuple[object, object]]) -> bool:
    return any(op in _REPEATS for op, _ in _flatten(items))


def _flatten(items: list[tuple[object, object]]) -> list[tuple[object, object]]:
    """Every (op, argument) in ``items`` and in the groups and branches below them."""
    out: list[tuple[object, object]] = []
    stack = list(items)
    while stack:
        op, argument = stack.pop()
        out.append((op, argument))
        if op in _REPEATS:
            stack.extend(argument[2])  # type: ignore[index]
        elif op == sre_constants.SUBPATTERN:
            stack.extend(argument[-1])  # type: ignore[index]
        elif op == sre_constants.BRANCH:
            for branch in argument[1]:  # type: ignore[index]
                stack.extend(branch)
        elif op == sre_constants.ATOMIC_GROUP:
            stack.extend(argument)  # type: ignore[arg-type]
    return out


def _anchored(items: list[tuple[object, object]]) -> bool:
    if not items:
        return False
    op, argument = items[0]
    if op == sre_constants.AT:
        return argument in (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING)
    if op == sre_constants.SUBPATTERN:
        return _anchored(list(argument[-1]))  # type: ignore[index]
    return False
