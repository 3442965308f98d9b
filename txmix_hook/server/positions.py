"""txmix locations (1-based rows, 1-based character columns, end exclusive) as LSP positions.

LSP counts lines from 0 and, unless negotiated otherwise, columns in UTF-16 code units: a
character outside the Basic Multilingual Plane (an emoji in a string) counts twice.
"""

from __future__ import annotations

from lsprotocol import types

from txmix_hook.finding import Location


def to_position(lines: list[str], location: Location) -> types.Position:
    line = location.row - 1
    text = lines[line] if 0 <= line < len(lines) else ""
    prefix = text[: max(location.column - 1, 0)]
    return types.Position(line=max(line, 0), character=len(prefix.encode("utf-16-le")) // 2)


def to_range(lines: list[str], start: Location, end: Location) -> types.Range:
    return types.Range(start=to_position(lines, start), end=to_position(lines, end))


def contains(outer: types.Range, inner: types.Range) -> bool:
    """Does ``outer`` overlap ``inner`` (a cursor is an empty range)?"""
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(outer.start) <= key(inner.end) and key(inner.start) <= key(outer.end)
