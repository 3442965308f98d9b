"""Byte offsets -> 1-based rows and character columns, for one file's UTF-8 bytes."""

from __future__ import annotations

from bisect import bisect_right

from tree_sitter import Node

from txmix_hook.summary.model import Pos


class Positions:
    """Rows as tree-sitter counts them ("\\n" only); columns in characters, not bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        starts = [0]
        find = data.find
        index = find(b"\n")
        while index >= 0:
            starts.append(index + 1)
            index = find(b"\n", index + 1)
        self.starts = starts

    def column(self, row0: int, byte_col: int) -> int:
        if row0 >= len(self.starts):
            return byte_col + 1
        start = self.starts[row0]
        prefix = self.data[start : start + byte_col]
        return (byte_col if prefix.isascii() else len(prefix.decode("utf-8", errors="replace"))) + 1

    def of(self, node: Node) -> Pos:
        (row, col), (end_row, end_col) = node.start_point, node.end_point
        return Pos(node.start_byte, node.end_byte, row + 1, self.column(row, col), end_row + 1, self.column(end_row, end_col))

    def row_of_byte(self, offset: int) -> int:
        return bisect_right(self.starts, offset)
