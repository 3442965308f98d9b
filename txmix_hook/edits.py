"""Text edits and how they reach the disk: together, atomically, in the file's own encoding.

Shared by suppression clean-up, ``--add-noqa`` and fixes, so every writer keeps line endings,
the encoding declaration, a missing final newline and the file's permissions.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from txmix_hook.finding import Location


class WriteError(OSError):
    """A report, baseline or fixed file that cannot be written; the message names it."""


@dataclass(frozen=True)
class Edit:
    start: Location
    end: Location
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "location": {"row": self.start.row, "column": self.start.column},
            "end_location": {"row": self.end.row, "column": self.end.column},
        }


@dataclass(frozen=True)
class Fix:
    message: str
    applicability: str  # "safe" | "unsafe" | "display-only"
    edits: tuple[Edit, ...] = ()
    kind: str = ""  # which fix kind made the edits (share-connection, ...); "" for suggestions

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "applicability": self.applicability, "edits": [e.to_dict() for e in self.edits]}


def line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def offset(starts: list[int], text: str, location: Location) -> int:
    if location.row - 1 >= len(starts):
        return len(text)
    return min(starts[location.row - 1] + location.column - 1, len(text))


def _spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    """Edits as (begin, end, content) offsets, sorted by position; equal positions keep their order."""
    starts = line_starts(text)
    return sorted(((offset(starts, text, e.start), offset(starts, text, e.end), e.content) for e in edits), key=lambda s: s[:2])


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (overlaps are the caller's to resolve) in one pass."""
    out, cursor = [], 0
    for begin, end, content in _spans(text, edits):
        if begin < cursor:
            raise ValueError("overlapping edits")
        out.append(text[cursor:begin])
        out.append(content)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def merged_edits(text: str, edits: Iterable[Edit]) -> list[Edit] | None:
    """One fix's edits with exact duplicates merged; None if two of them still overlap.

    A fix built from several rewrites of one scope can name the same change twice (the same
    ``commit()`` reached two ways); that is harmless. Two different changes to one span are
    not, and the fix is then dropped rather than applied half or aborting the run.
    """
    unique = list(dict.fromkeys(edits))
    cursor = 0
    for begin, end, _ in _spans(text, unique):
        if begin < cursor:
            return None
        cursor = max(cursor, end)
    return unique


def write_atomic(path: Path, data: bytes) -> None:
    """Write a report or baseline via a temp file and rename: never a half-written file.

    A symlink is written through to its target. Source files go through ``write_back``.
    """
    shown, path = path, Path(os.path.realpath(path))
    directory = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    import tempfile  # only when writing: reports and suppressions need Edit and Fix alone

    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".txmix-tmp", dir=directory)
    except OSError as exc:
        raise WriteError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
