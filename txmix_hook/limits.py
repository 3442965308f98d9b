"""Bounded work per file: a cheap look at a file's bytes before anything parses it.

A linter in a commit hook sees generated, vendored and hostile files. Deeply nested blocks or
brackets crash or exhaust the C parser and the analysis walking its tree, and a huge file or
line makes everything after it slow. So before parsing, one linear pass over the bytes checks
four limits; a file over one is reported as one error line naming the limit and its config
key, and the run goes on. The depth defaults are CPython's own (its tokenizer refuses more
than 100 indentation levels and 200 nested brackets), so no file Python can run trips them.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import accumulate, count, repeat

# A string or comment, replaced by filler of the same length so offsets stay true. Possessive
# repeats never backtrack and every branch always matches once started: linear on any input.
_STRING_OR_COMMENT = re.compile(
    rb"#[^\n]*+"
    rb'|"""(?:[^"\\]++|\\.|"(?!""))*+(?:"""|\Z)'
    rb"|'''(?:[^'\\]++|\\.|'(?!''))*+(?:'''|\Z)"
    rb'|"(?:[^"\\\n]++|\\.)*+"?'
    rb"|'(?:[^'\\\n]++|\\.)*+'?",
    re.S,
)
_OPENERS, _CLOSERS = b"([{", b")]}"
_ONLY_BRACKETS = bytes.maketrans(_OPENERS + _CLOSERS, b"\x01\x01\x01\x00\x00\x00")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _OPENERS + _CLOSERS)


@dataclass(frozen=True)
class Limits:
    """Configured under ``[tool.txmix]`` with the keys in ``KEYS``."""

    max_file_bytes: int = 16 * 1024 * 1024
    max_line_bytes: int = 1024 * 1024
    max_indent_depth: int = 100
    max_bracket_depth: int = 200


KEYS = {
    "max-file-bytes": "max_file_bytes",
    "max-line-bytes": "max_line_bytes",
    "max-indent-depth": "max_indent_depth",
    "max-bracket-depth": "max_bracket_depth",
}


def over_limit(data: bytes, display: str, limits: Limits) -> str | None:
    """The error line for the first limit ``data`` breaks, or None when it is within all."""
    if len(data) > limits.max_file_bytes:
        return f"{display}:1:1: file is {len(data)} bytes, over the size limit (max-file-bytes = {limits.max_file_bytes}); file skipped"
    if len(data) > limits.max_line_bytes:
        longest = max(map(len, re.split(rb"[\r\n]", data)))  # "\r" alone ends a line too, for Python
        if longest > limits.max_line_bytes:
            offset = next(m.start() for m in re.finditer(rb"[^\r\n]*", data) if m.end() - m.start() == longest)
            return f"{_at(data, display, offset)}: a line of {longest} bytes is over the line limit (max-line-bytes = {limits.max_line_bytes}); file skipped"
    code = _STRING_OR_COMMENT.sub(b"s", data)  # fast; lengths change, so positions come from a second pass
    if _too_deep_bracket(code, limits.max_bracket_depth) is None and _too_deep_indent(code, limits.max_indent_depth) is None:
        return None
    code = _STRING_OR_COMMENT.sub(lambda m: b"s" * len(m.group()), data)  # same nesting, true offsets
    offset = _too_deep_bracket(code, limits.max_bracket_depth)
    if offset is not None:
        return f"{_at(data, display, offset)}: brackets nest deeper than the nesting limit (max-bracket-depth = {limits.max_bracket_depth}); file skipped"
    offset = _too_deep_indent(code, limits.max_indent_depth)
    if offset is not None:
        return f"{_at(data, display, offset)}: blocks nest deeper than the nesting limit (max-indent-depth = {limits.max_indent_depth}); file skipped"
    return None


def _too_deep_bracket(code: bytes, limit: int) -> int | None:
    brackets = code.translate(_ONLY_BRACKETS, _NOT_BRACKETS)
    if len(brackets) <= limit:
        return None
    # depth after the i-th bracket = 2 * (openers so far) - i; all in C-level iterators
    if max(map(operator.sub, map(operator.mul, repeat(2), accumulate(brackets)), count(1))) <= limit:
        return None
    depth = 0
    for index, byte in enumerate(code):
        if byte in _OPENERS:
            depth += 1
            if depth > limit:
                return index
        elif byte in _CLOSERS:
            depth = max(0, depth - 1)
    return None  # pragma: no cover - the fast check above said otherwise


def _too_deep_indent(code: bytes, limit: int) -> int | None:
    """Offset of the first logical line indented more than ``limit`` levels deep.

    Each level needs at least one more whitespace character, so a file without a line
    starting with ``limit`` of them is within the limit and needs no closer look."""
    if b" " * limit not in code and b"\t" not in code and b"\f" not in code:
        return None  # the common case, found by a fast substring search
    if not re.search(rb"^[ \t\f]{%d}" % limit, code, re.M):
        return None
    stack, depth, offset, continued = [0], 0, 0, False
    for line in code.split(b"\n"):
        stripped = line.lstrip(b" \t\f")
        if depth == 0 and not continued and stripped and not stripped.startswith((b"\r", b"\\")):
            width = len(line[: len(line) - len(stripped)].expandtabs(8))
            if width > stack[-1]:
                stack.append(width)
                if len(stack) - 1 > limit:
                    return offset
            while width < stack[-1]:
                stack.pop()
        depth = max(0, depth + sum(line.count(c) for c in (b"(", b"[", b"{")) - sum(line.count(c) for c in (b")", b"]", b"}")))
        continued = line.rstrip(b"\r").endswith(b"\\")
        offset += len(line) + 1
    return None


def _at(data: bytes, display: str, offset: int) -> str:
    row = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return f"{display}:{row}:{column}"
