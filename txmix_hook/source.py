"""Reading a Python file the way the interpreter would, so every position we report is exact.

tree-sitter wants UTF-8 bytes; a file declaring another encoding (PEP 263) is decoded with
that encoding and re-encoded, and columns are reported in characters, not bytes, so an
editor jumps to the right place on lines with non-ASCII text.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path


class SourceError(Exception):
    """A file that cannot be analysed at all; the message is the one line a user sees."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str
    raw: bytes
    encoding: str
    text: str
    data: bytes = field(repr=False)  # ``text`` as UTF-8, what tree-sitter parses

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def column(self, row0: int, byte_col: int) -> int:
        """1-based character column of a tree-sitter (row, byte column) point."""
        line = _line_bytes(self.data, row0)
        return len(line[:byte_col].decode("utf-8", errors="replace")) + 1

    def line_text(self, row1: int) -> str:
        lines = self.lines
        return lines[row1 - 1] if 0 < row1 <= len(lines) else ""


def _line_bytes(data: bytes, row0: int) -> bytes:
    start = 0
    for _ in range(row0):
        nl = data.find(b"\n", start)
        if nl < 0:
            return b""
        start = nl + 1
    end = data.find(b"\n", start)
    return data[start:] if end < 0 else data[start:end]


def read_source(path: Path, display: str | None = None) -> SourceFile:
    shown = display if display is not None else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{shown}:1:1: cannot read file: {exc.strerror or exc}") from None
    return decode_source(raw, path, shown)


def decode_source(raw: bytes, path: Path, shown: str) -> SourceFile:
    if b"\x00" in raw:
        raise SourceError(f"{shown}:1:1: binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        raise SourceError(f"{shown}:1:1: {exc.msg if hasattr(exc, 'msg') else exc}") from None
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
    data = raw if encoding in ("utf-8", "utf-8-sig") and not raw.startswith(b"\xef\xbb\xbf") else text.encode("utf-8")
    return SourceFile(path=path, display=shown, raw=raw, encoding=encoding, text=text, data=data)


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    row = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return row, col
