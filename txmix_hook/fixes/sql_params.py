"""Driver placeholders to SQLAlchemy ``text()`` bind parameters.

psycopg writes ``%s`` / ``%(name)s`` (and ``%%`` for a literal percent); asyncpg writes ``$1``.
``text()`` wants ``:name`` and treats any other ``:word`` as a parameter too, so colons that
are not ours are escaped (``\\:``) while ``::type`` casts, which ``text()`` leaves alone,
stay as they are. Quoted literals, quoted identifiers, dollar-quoted bodies and comments are
copied through (only ``%%`` is un-doubled there, as psycopg does everywhere): a ``'%s'``
there is text, not a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")
_PYFORMAT = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)s")
_NUMERIC = re.compile(r"\$([0-9]+)")
# SQLAlchemy's own test for a bind parameter in text(): a colon not preceded by a colon, word
# character or backslash, followed by a word not followed by another colon.
_TEXT_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


class ConversionError(ValueError):
    """The SQL cannot be converted mechanically (mixed styles, a stray %, unterminated quote)."""


@dataclass(frozen=True)
class Converted:
    sql: str
    names: tuple[str, ...]  # bind names in order of first appearance
    positional: bool  # names are p1, p2... standing for positional arguments (by number)
    numbers: tuple[int, ...] = ()  # for positional: the argument number behind each name


def convert(sql: str, style: str) -> Converted:
    """``style`` is "pyformat" (psycopg) or "numeric" (asyncpg)."""
    out: list[str] = []
    names: list[str] = []
    numbers: list[int] = []
    kinds: set[str] = set()
    position = 0
    i = 0
    n = len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            end = _quoted_end(sql, i, ch)
            out.append(_copied(sql[i:end], style))
            i = end
            continue
        if ch == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(_copied(sql[i:end], style))
            i = end
            continue
        if ch == "/" and sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end < 0:
                raise ConversionError("unterminated /* comment")
            out.append(_copied(sql[i : end + 2], style))
            i = end + 2
            continue
        if ch == "$":
            tag = _DOLLAR_TAG.match(sql, i)
            if tag and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
                close = sql.find(tag.group(0), tag.end())
                if close < 0:
                    raise ConversionError(f"unterminated dollar-quoted string {tag.group(0)}")
                body = sql[i : close + len(tag.group(0))]
                out.append(_copied(body, style))
                i = close + len(tag.group(0))
                continue
            if style == "numeric" and (number := _NUMERIC.match(sql, i)):
                index = int(number.group(1))
                name = f"p{index}"
                if name not in names:
                    names.append(name)
                    numbers.append(index)
                out.append(_bind(name, sql, i, number.end()))
                kinds.add("numeric")
                i = number.end()
                continue
        if style == "pyformat" and ch == "%":
            if sql.startswith("%%", i):
                out.append("%")
                i += 2
                continue
            if sql.startswith("%s", i):
                position += 1
                name = f"p{position}"
                names.append(name)
                numbers.append(position)
                out.append(_bind(name, sql, i, i + 2))
                kinds.add("positional")
                i += 2
                continue
            if named := _PYFORMAT.match(sql, i):
                if named.group(1) not in names:
                    names.append(named.group(1))
                out.append(_bind(named.group(1), sql, i, named.end()))
                kinds.add("named")
                i = named.end()
                continue
            raise ConversionError(f"stray % at offset {i}: write %% for a literal percent")
        if ch == ":" and not sql.startswith("::", i) and not (i > 0 and sql[i - 1] == ":"):
            out.append(_escape_colons(":" + _word_after(sql, i + 1)))
            i += 1 + len(_word_after(sql, i + 1))
            continue
        out.append(ch)
        i += 1
    if len(kinds) > 1:
        raise ConversionError("mixes positional and named placeholders")
    positional = kinds != {"named"}
    return Converted("".join(out), tuple(names), positional and bool(names), tuple(numbers) if positional else ())


def verbatim(sql: str) -> Converted:
    """SQL executed without parameters: drivers send it as is (psycopg leaves ``%%`` alone
    then), so only colons that text() would read as parameters are escaped."""
    return Converted(_escape_colons(sql), (), False)


def _bind(name: str, sql: str, start: int, after: int) -> str:
    """``:name``, spaced from a word before it or a ``::type`` cast after it, either of which
    would keep text() from seeing the parameter."""
    before = " " if start > 0 and (sql[start - 1].isalnum() or sql[start - 1] in "_:\\") else ""
    return f"{before}:{name} " if sql.startswith("::", after) else f"{before}:{name}"


def _quoted_end(sql: str, start: int, quote: str) -> int:
    i = start + 1
    while True:
        j = sql.find(quote, i)
        if j < 0:
            raise ConversionError(f"unterminated {quote} quote")
        if sql.startswith(quote * 2, j):
            i = j + 2
            continue
        return j + 1


def _word_after(sql: str, i: int) -> str:
    found = re.match(r"\w*", sql[i:])
    return found.group(0) if found else ""


def _escape_colons(fragment: str) -> str:
    return _TEXT_BIND.sub(lambda m: "\\:" + m.group(1), fragment)


def _copied(fragment: str, style: str) -> str:
    """A quoted literal, identifier, dollar-quoted body or comment: copied, not converted.

    psycopg does not parse SQL, so once parameters are passed it turns ``%%`` into ``%``
    everywhere, quotes and dollar quotes included; text() must then see a single ``%``.
    """
    return _escape_colons(fragment.replace("%%", "%") if style == "pyformat" else fragment)
