"""Reading a Python file the way the interpreter would, so every position we report is exact.

tree-sitter wants UTF-8 bytes; a file declaring another encoding (PEP 263) is decoded with
that encoding and re-encoded, and columns are reported in characters, not bytes, so an
editor jumps to the right place on lines with non-ASCII text.

**The one line model.** A row is what tree-sitter calls a row: text up to a ``"\n"``. Nothing
else ends a line here: not ``\x0c``, ``\x0b``, ``\x1c``-``\x1e``, ``\x85``, U+2028 or U+2029,
which ``str.splitlines`` would split on and CPython does not. Suppressions, baselines, ``full``
output, fixes and ``--add-noqa`` all read rows from :attr:`SourceFile.lines` (or the offsets
behind it), so they can never disagree about which line a finding is on.

A lone ``"\r"`` *is* a line break to CPython (old Mac files) but not to tree-sitter, so such
files are analysed with ``"\n"`` in its place; :meth:`SourceFile.encode` puts the ``"\r"``
back when a CR-only file is written. A file mixing lone ``"\r"`` with ``"\n"`` cannot be
restored exactly after an edit, so writers refuse it (:attr:`SourceFile.writable_newlines`).
"""

from __future__ import annotations

import codecs
import io
import re
import tokenize
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from txmix_hook.regular_file import read_regular_file


class SourceError(Exception):
    """A file that cannot be analysed at all; the message is the one line a user sees."""


@dataclass(frozen=True)
class SourceFile:  # frozen, yet cached_property works: it writes __dict__ directly
    path: Path
    display: str
    raw: bytes
    encoding: str
    text: str
    data: bytes = field(repr=False)  # ``text`` as UTF-8, what tree-sitter parses
    lone_cr: str = ""  # "" | "all" (a CR-only file, "\r" turned into "\n") | "mixed"

    @cached_property
    def physical_lines(self) -> list[str]:
        """``text`` split on "\\n" only, so "\\r" stays with its line and rows match tree-sitter's."""
        return self.text.split("\n")

    @cached_property
    def lines(self) -> list[str]:
        """Rows as tree-sitter counts them (``"\\n"`` only), without a CRLF's ``"\\r"``."""
        if "\r" not in self.text:  # most files: one split, not a test per row (files with findings are read every run)
            return self.text.split("\n")
        return [line[:-1] if line.endswith("\r") else line for line in self.physical_lines]

    @cached_property
    def longest_line(self) -> int:
        """Characters in the longest row; kept once per file, since every fix in it asks."""
        return max((len(line) for line in self.lines), default=0)

    @cached_property
    def newline(self) -> str:
        """The newline an edit writes: CRLF when the file uses it, else LF."""
        return "\r\n" if "\r\n" in self.text else "\n"

    @property
    def writable_newlines(self) -> bool:
        """False when lone CRs and LFs are mixed: an edited text could not be put back as it was."""
        return self.lone_cr != "mixed"

    def encode(self, text: str) -> bytes:
        """``text`` (in this file's line model) as this file's bytes: encoding, BOM, CR-only lines."""
        if self.lone_cr == "all":
            text = text.replace("\n", "\r")
        data = text.encode(self.encoding)
        had_bom = self.raw.startswith(b"\xef\xbb\xbf")
        if had_bom and self.encoding in ("utf-8", "utf-8-sig") and not data.startswith(b"\xef\xbb\xbf"):
            data = b"\xef\xbb\xbf" + data
        return data

    def with_text(self, text: str) -> SourceFile:
        """The same file holding ``text`` (already in this line model): for fix rounds."""
        raw = self.encode(text)
        return SourceFile(self.path, self.display, raw, self.encoding, text, text.encode("utf-8"), self.lone_cr)

    @cached_property
    def _line_offsets(self) -> list[int]:
        return line_starts(self.data)

    def column(self, row0: int, byte_col: int) -> int:
        """1-based character column of a tree-sitter (row, byte column) point."""
        return char_column(self.data, self._line_offsets, row0, byte_col)

    def byte_column(self, row0: int, char_col0: int) -> int:
        """0-based byte column of a 0-based character column on a row (the inverse of ``column``)."""
        lines = self.physical_lines
        if row0 >= len(lines):
            return char_col0
        return len(lines[row0][:char_col0].encode("utf-8"))

    def line_text(self, row1: int) -> str:
        lines = self.lines
        return lines[row1 - 1] if 0 < row1 <= len(lines) else ""


def read_source(path: Path, display: str | None = None) -> SourceFile:
    shown = display if display is not None else str(path)
    try:
        raw = read_regular_file(path)  # never blocks on a FIFO or device
    except OSError as exc:
        raise SourceError(f"{shown}:1:1: cannot read file: {exc.strerror or exc}") from None
    return decode_source(raw, path, shown)


def decode_source(raw: bytes, path: Path, shown: str) -> SourceFile:
    if b"\x00" in raw:
        raise SourceError(f"{shown}:1:1: binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        if "unknown encoding" in message:
            declared = message.rsplit(":", 1)[-1].strip()
            raise SourceError(f"{shown}:1:1: unknown encoding {declared!r} declared (PEP 263)") from None
        encoding = "utf-8"  # undecodable first lines: let the decoder below say exactly where
    if _python_refuses(encoding):
        raise SourceError(f"{shown}:1:1: encoding problem: {encoding} (Python refuses to read source declared so; save it as UTF-8)")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        row, col = _position_of_byte(raw, exc.start)
        raise SourceError(
            f"{shown}:{row}:{col}: cannot decode as {encoding} (byte 0x{raw[exc.start]:02x});"
            " declare the file's encoding (PEP 263) or save it as UTF-8"
        ) from None
    except LookupError:
        raise SourceError(f"{shown}:1:1: unknown encoding {encoding!r} declared") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    lone_cr = ""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        lone_cr = "mixed" if "\n" in text else "all"
        text = _LONE_CR.sub("\n", text)
    same = encoding in ("utf-8", "utf-8-sig") and not raw.startswith(b"\xef\xbb\xbf") and not lone_cr
    data = raw if same else text.encode("utf-8")
    return SourceFile(path=path, display=shown, raw=raw, encoding=encoding, text=text, data=data, lone_cr=lone_cr)


_LONE_CR = re.compile("\r(?!\n)")


def _python_refuses(encoding: str) -> bool:
    """CPython's tokenizer refuses a PEP 263 cookie naming UTF-16/32 or a non-text codec (hex, rot13)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return False  # reported below as an unknown encoding
    return info.name.startswith(("utf-16", "utf-32")) or not getattr(info, "_is_text_encoding", True)


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    row = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return row, col


def line_starts(data: bytes) -> list[int]:
    """Byte offset of each row's start, rows ending at ``\n`` only (as tree-sitter counts them)."""
    starts = [0]
    find = data.find
    index = find(b"\n")
    while index >= 0:
        starts.append(index + 1)
        index = find(b"\n", index + 1)
    return starts


def char_column(data: bytes, starts: list[int], row0: int, byte_col: int) -> int:
    """1-based character column of a (row, byte column) point; one definition for the summary
    stage (which has only bytes) and for ``SourceFile``."""
    if row0 >= len(starts):
        return byte_col + 1
    start = starts[row0]
    prefix = data[start : start + byte_col]
    return (byte_col if prefix.isascii() else len(prefix.decode("utf-8", errors="replace"))) + 1
