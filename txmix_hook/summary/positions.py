"""Byte offsets -> 1-based rows and character columns, for one file's UTF-8 bytes."""

from __future__ import annotations

from bisect import bisect_right

from tree_sitter import Node

from txmix_hook.source import char_column, line_starts
from txmix_hook.summary.model import Pos


class Positions:
    """Rows as tree-sitter counts them ("\\n" only); columns in characters, not bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = line_starts(data)
        self.ascii = data.isascii()  # most files: every character is one byte, columns need no decoding
        self._spans: dict[tuple[int, int], Pos] = {}


    def column(self, row0: int, byte_col: int) -> int:
        return byte_col + 1 if self.ascii else char_column(self.data, self.starts, row0, byte_col)

    def of(self, node: Node) -> Pos:
        """One object per span: a call is recorded as a call site and as a side candidate, and
        a shared object is pickled (and read back) once."""
        span = (node.start_byte, node.end_byte)
        known = self._spans.get(span)
        if known is not None:
            return known
        (row, col), (end_row, end_col) = node.start_point, node.end_point
        if self.ascii:
            known = Pos(span[0], span[1], row + 1, col + 1, end_row + 1, end_col + 1)
        else:
            known = Pos(span[0], span[1], row + 1, self.column(row, col), end_row + 1, self.column(end_row, end_col))
        self._spans[span] = known
        return known

    def row_of_byte(self, offset: int) -> int:
        return bisect_right(self.starts, offset)
