"""Glob patterns for exclude and per-file-ignores, with ruff's reading of them.

``**`` crosses directories, ``*`` and ``?`` do not. A pattern without a slash also matches a
file's or directory's bare name anywhere (``migrations`` excludes every ``migrations`` folder).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    pattern = pattern.rstrip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out += re.escape(pattern[i])
                i += 1
            else:
                body = pattern[i + 1 : end].replace("\\", "\\\\")
                out += f"[{'^' + body[1:] if body.startswith('!') else body}]"
                i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def glob_matches(pattern: str, relative_path: str) -> bool:
    """Does ``pattern`` match the path (relative to the project root, '/'-separated)?"""
    path = relative_path[2:] if relative_path.startswith("./") else relative_path
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    if _compile(pattern).match(path):
        return True
    if "/" not in pattern.rstrip("/"):
        return any(_compile(pattern).match(part) for part in PurePosixPath(path).parts)
    return False
