"""The fix fuzzer's program model and its three promises, shared by the CI test and the long run.

Programs are built from the shapes txmix fixes (sessions sync and async, from parameters,
factories and ``with``; raw connections opened in the function, at module level or in an
enclosing function; cursors, ``with conn:`` blocks, commits, literal and computed SQL; stale
suppressions with a reason) in every layout that tripped a fix before (tab and mixed
indentation, CRLF and CR-only lines, line separators in comments, a BOM, nested blocks), then
optionally mutated line-wise. Only inputs CPython compiles are kept. For each, after
``--fix --unsafe-fixes``:

1. the result compiles;
2. fixing the result again changes nothing;
3. no line outside the functions (and comments) holding a fixed finding changes, except the
   one ``from sqlalchemy import text`` import a fix may add.

The choices come from a ``Chooser`` so hypothesis can drive (and shrink) them in the test and a
seeded ``random.Random`` can drive the long benchmark run quickly.
"""

from __future__ import annotations

import difflib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence, TypeVar

from txmix_hook.engine.parse import parse
from txmix_hook.fixes.apply import fix_file
from txmix_hook.fixing import applicable
from txmix_hook.runner import Checker
from txmix_hook.settings import CommandLine, build_settings
from txmix_hook.source import SourceError, SourceFile, decode_source

T = TypeVar("T")
TEXT_IMPORT = "from sqlalchemy import text"
SEPARATORS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


class Chooser(Protocol):
    def choice(self, options: Sequence[T]) -> T: ...
    def randint(self, low: int, high: int) -> int: ...


class RandomChooser:
    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def choice(self, options: Sequence[T]) -> T:
        return self._random.choice(list(options))

    def randint(self, low: int, high: int) -> int:
        return self._random.randint(low, high)


HEADER = [
    "import psycopg2",
    "import psycopg",
    "import asyncpg",
    "from sqlalchemy import create_engine",
    "from sqlalchemy.orm import Session, sessionmaker",
    "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine",
]
MODULE_LEVEL = [
    'SyncLocal = sessionmaker(create_engine("postgresql://"))',
    'AsyncLocal = async_sessionmaker(create_async_engine("postgresql+asyncpg://"))',
    'mconn = psycopg2.connect("dbname=shop")',
    'pconn = psycopg.connect("dbname=shop")',
    'engine = create_engine("postgresql://")',
]
DRIVERS = {  # driver -> (open expression (sync, async), execute placeholder style)
    "psycopg2": ('psycopg2.connect("dbname=shop")', None, "%s"),
    "psycopg": ('psycopg.connect("dbname=shop")', "await psycopg.AsyncConnection.connect(\"dbname=shop\")", "%s"),
    "asyncpg": (None, 'await asyncpg.connect("postgresql://")', "$1"),
    "raw": ("engine.raw_connection()", None, "%s"),
    "core": ("engine.connect()", None, None),
}


@dataclass
class Writer:
    """Collects indented lines; ``unit`` is the indentation of one level (spaces or a tab)."""

    unit: str
    lines: list[str] = field(default_factory=list)

    def add(self, depth: int, line: str, extra: str = "") -> None:
        self.lines.append(self.unit * depth + extra + line)


def program(c: Chooser) -> str:
    """One generated module, as text with "\\n" line ends (layout applied by ``dress``)."""
    unit = c.choice(["    ", "  ", "\t", "        "])
    out = Writer(unit)
    for line in HEADER:
        out.add(0, line)
    out.lines.append("")
    for line in MODULE_LEVEL:
        if c.randint(0, 2):
            out.add(0, line)
    out.lines.append("")
    for index in range(c.randint(1, 3)):
        out.lines.append("")
        _function(c, out, index)
    if c.randint(0, 4) == 0:
        reason = c.choice(["temporary", "os.remove('/important')", "-- legacy"])
        out.add(0, f"# txmix: ignore[TXM00{c.randint(1, 5)}] {reason}")
        out.add(0, "x = 1")
    return "\n".join(out.lines) + "\n"


def _function(c: Chooser, out: Writer, index: int) -> None:
    is_async = c.randint(0, 1) == 1
    session = c.choice(["param-sync", "param-async", "param-bare", "sync-factory", "async-factory", "with-sync"])
    if session == "param-async" and not is_async:
        session = "param-sync"
    params = {"param-sync": "db: Session, sql", "param-async": "db: AsyncSession, sql", "param-bare": "db, sql"}.get(session, "sql")
    nested = c.randint(0, 5) == 0
    depth = 0
    if nested:
        out.add(0, f"async def outer{index}(sql):" if c.randint(0, 1) else f"def outer{index}(sql):")
        depth = 1
        if c.randint(0, 1):
            out.add(1, 'conn = psycopg2.connect("dbname=shop")')
    keyword = "async def" if is_async else "def"
    directive = f"  # txmix: ignore[TXM00{c.randint(1, 6)}]" if c.randint(0, 6) == 0 else ""
    out.add(depth, f"{keyword} f{index}({params}):{directive}")
    depth += 1
    if session == "sync-factory":
        out.add(depth, "db = SyncLocal()")
    elif session == "async-factory":
        out.add(depth, "db = AsyncLocal()" if is_async else "db = SyncLocal()")
    elif session == "with-sync":
        out.add(depth, "with SyncLocal() as db:")
        depth += 1
    session_async = is_async and (session == "param-async" or session == "async-factory" or (session == "param-bare" and c.randint(0, 1) == 1))
    await_ = "await " if session_async else ""
    out.add(depth, "db.add(object())")
    if c.randint(0, 3) == 0:
        out.add(depth, f"{await_}db.flush()")
    for _ in range(c.randint(1, 3)):
        _raw_block(c, out, depth, is_async)
    if c.randint(0, 1):
        out.add(depth, f"{await_}db.commit()")
    if nested:
        out.add(1, f"return f{index}")


def _raw_block(c: Chooser, out: Writer, depth: int, is_async: bool) -> None:
    driver = c.choice(list(DRIVERS))
    sync_open, async_open, placeholder = DRIVERS[driver]
    opener = async_open if is_async and async_open and c.randint(0, 1) else sync_open
    if opener is None:
        opener = async_open if is_async else sync_open
    if opener is None or (opener.startswith("await") and not is_async):
        opener = 'psycopg2.connect("dbname=shop")'
        driver, placeholder = "psycopg2", "%s"
    name = c.choice(["conn", "c2", "mconn", "pconn"])
    awaits = opener.startswith("await") or driver == "asyncpg"
    aw = "await " if awaits else ""
    wrap = c.choice(["none", "none", "if", "for", "try"])
    if wrap != "none":
        out.add(depth, {"if": "if sql:", "for": "for _ in range(2):", "try": "try:"}[wrap])
        depth += 1
    form = c.choice(["assign", "assign", "with", "outer"])
    if name in ("mconn", "pconn"):
        form = "outer"
    if form == "assign":
        out.add(depth, f"{name} = {opener}")
    elif form == "with" and not opener.startswith("await"):
        out.add(depth, f"with {opener} as {name}:")
        depth += 1
    for _ in range(c.randint(1, 3)):
        _raw_use(c, out, depth, name, driver, placeholder, aw)
    if c.randint(0, 1):
        out.add(depth, f"{name}.commit()" if driver != "asyncpg" else f"await {name}.close()")
    if wrap == "try":
        out.add(depth - 1, "except Exception:")
        out.add(depth, "raise")


def _raw_use(c: Chooser, out: Writer, depth: int, name: str, driver: str, placeholder: str | None, aw: str) -> None:
    sql = c.choice(['"SELECT 1"', '"UPDATE stock SET n = n - 1"', "sql", '"DELETE FROM t WHERE id = {p}"'])
    args = ""
    if "{p}" in sql:
        sql = sql.replace("{p}", placeholder or "%s")
        args = ", 5" if driver == "asyncpg" else ", (5,)"
    kind = c.choice(["execute", "cursor-chain", "cursor-assign", "cursor-with", "fetch", "with-conn"])
    if driver in ("asyncpg",) and kind.startswith("cursor"):
        kind = "execute"
    if kind == "execute":
        out.add(depth, f"{aw}{name}.execute({sql}{args})")
    elif kind == "cursor-chain":
        out.add(depth, f"{name}.cursor().execute({sql}{args})")
    elif kind == "cursor-assign":
        out.add(depth, f"cur = {name}.cursor()")
        out.add(depth, f"cur.execute({sql}{args})")
    elif kind == "cursor-with":
        out.add(depth, f"with {name}.cursor() as cur:")
        out.add(depth, f"cur.execute({sql}{args})", extra=c.choice([out.unit, "\t"]))  # a tab after spaces too
    elif kind == "fetch":
        out.add(depth, f"rows = {aw}{name}.fetch({sql})" if driver == "asyncpg" else f"rows = {name}.cursor().fetchall()")
    else:
        out.add(depth, f"with {name}:")
        out.add(depth + 1, f"{aw}{name}.execute({sql}{args})" if driver != "psycopg2" else f"{name}.cursor().execute({sql}{args})")


def mutate(c: Chooser, text: str) -> str:
    """A few line-wise mutations: drop, duplicate, swap, re-indent, comment out, add a separator."""
    lines = text.split("\n")
    for _ in range(c.randint(0, 3)):
        if len(lines) < 3:
            break
        at = c.randint(0, len(lines) - 2)
        how = c.choice(["drop", "duplicate", "swap", "indent", "comment", "separator", "directive"])
        if how == "drop":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "swap":
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif how == "indent":
            lines[at] = c.choice(["\t", "    ", " "]) + lines[at]
        elif how == "comment":
            lines[at] = lines[at] + f"  # note{c.choice(SEPARATORS)}more"
        elif how == "separator":
            lines.insert(at, f"# {c.choice(SEPARATORS)} form")
        else:
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" \t"))]
            lines.insert(at, f"{indent}# txmix: ignore[TXM00{c.randint(1, 6)}] {c.choice(['temporary', 'cleanup()', '-- why'])}")
    return "\n".join(lines)


def dress(c: Chooser, text: str) -> bytes:
    """The file's layout: line endings, a BOM."""
    newline = c.choice(["\n", "\n", "\r\n", "\r"])
    data = text.replace("\n", newline).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if c.randint(0, 9) == 0 else data


def example(c: Chooser) -> bytes:
    text = program(c)
    if c.randint(0, 1):
        text = mutate(c, text)
    return dress(c, text)


@dataclass
class Verdict:
    considered: bool  # the input compiled, so the promises applied
    fixed: int = 0
    problem: str = ""


class FixOracle:
    """Runs the real checker and fixer in-process on bytes and checks the three promises."""

    def __init__(self) -> None:
        self.checker = Checker(build_settings(CommandLine(isolated=True)))

    def check(self, data: bytes) -> Verdict:
        try:
            source = decode_source(data, Path("fuzz.py"), "fuzz.py")
        except SourceError:
            return Verdict(False)
        if not source.writable_newlines or _compile_error(source.text):
            return Verdict(False)
        result = self._fix(source)
        if _compile_error(result.text):
            return Verdict(True, len(result.fixed), f"result does not compile: {_compile_error(result.text)}")
        again = self._fix(source.with_text(result.text))
        if again.text != result.text:
            return Verdict(True, len(result.fixed), "a second --fix changed the file")
        outside = _changed_outside(source, result.text, result.original)
        if outside:
            return Verdict(True, len(result.fixed), f"line changed outside the fixed scopes: {outside!r}")
        try:
            result.source.encode(result.text)
        except UnicodeEncodeError as exc:
            return Verdict(True, len(result.fixed), f"cannot encode: {exc}")
        return Verdict(True, len(result.fixed))

    def _fix(self, source: SourceFile):  # type: ignore[no-untyped-def]
        findings = self.checker.check_source(source).findings
        return fix_file(source, findings, applicable(True), lambda s: self.checker.check_source(s).findings)


def _compile_error(text: str) -> str:
    try:
        compile(text, "fuzz.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return str(exc)
    return ""


def _changed_outside(source: SourceFile, after: str, findings: list) -> str:  # type: ignore[type-arg]
    """The first original line changed outside the rows a fix may touch, or ""."""
    allowed = _allowed_rows(source, findings)
    before_lines = source.text.split("\n")
    after_lines = after.split("\n")
    matcher = difflib.SequenceMatcher(a=before_lines, b=after_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for row in range(i1, i2):
            if row not in allowed:
                return before_lines[row]
        if tag == "insert":
            inserted = after_lines[j1:j2]
            if all(line.rstrip("\r") == TEXT_IMPORT for line in inserted):
                continue
            if i1 not in allowed and (i1 - 1) not in allowed:
                return "\n".join(inserted)
    return ""


def _allowed_rows(source: SourceFile, findings: list) -> set[int]:  # type: ignore[type-arg]
    """0-based rows of every scope with a fixable finding, of every suppression comment, and of
    the top-level imports (an import the fixes left unused is removed, ``text`` merged in)."""
    root = parse(source.data).root_node
    allowed: set[int] = set()
    for node in root.named_children:
        if node.type in ("import_statement", "import_from_statement"):
            allowed.update(range(node.start_point[0], node.end_point[0] + 1))
    for finding in findings:
        if finding.fix is None or not finding.fix.edits:
            continue
        if finding.code == "TXM100":
            allowed.add(finding.location.row - 1)
            continue
        allowed.update(_scope_rows(root, finding.scope_row - 1))
    return allowed


def _scope_rows(root, row: int) -> range:  # type: ignore[no-untyped-def]
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "function_definition" and node.start_point[0] == row:
            return range(node.start_point[0], node.end_point[0] + 1)
        stack.extend(node.children)
    return range(0, root.end_point[0] + 1)  # module scope: the whole file
