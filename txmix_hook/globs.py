"""Glob patterns for exclude and per-file-ignores, with ruff's reading of them.

``**`` crosses directories, ``*`` and ``?`` do not. A pattern without a slash also matches a
file's or directory's bare name anywhere (``migrations`` excludes every ``migrations`` folder).

Globs are translated to regular expressions run by RE2 (``google-re2``), whose matching time
is linear in the path: file names come from the tree being checked, and Python's backtracking
``re`` took minutes per file on globs like ``*a*a*a*a*b`` or ``**/**/**/x``. RE2 also reads
POSIX classes (``[[:alpha:]]``) without Python's FutureWarning, and an invalid glob is a
``GlobError`` the config loader turns into one line naming the key.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re2


# RE2 is imported when a glob is first compiled: a run whose exclude globs never meet a name
# they could match (``*.egg-info`` in a tree without one) never loads it.


@lru_cache(maxsize=1)
def _options() -> re2.Options:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own parse errors to stderr
    options.dot_nl = True  # a file name may contain a newline; `**` still crosses it
    return options


class GlobError(ValueError):
    """An invalid glob; the message says what is wrong with it."""


def _translate(pattern: str) -> str:
    import re2

    out, i = [], 0
    pattern = pattern.rstrip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := _class_end(pattern, i)) > 0:
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append(f"[{'^' + body[1:] if body.startswith('!') else body}]")
            i = end + 1
        else:
            out.append(re2.escape(pattern[i]))
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the class opened at ``start`` (-1: none, so ``[`` is literal).

    As in fnmatch: a ``]`` right after ``[`` or ``[!`` is a member, and ``[:alpha:]`` is a
    POSIX class inside the brackets, not their end."""
    j = start + 1
    if j < len(pattern) and pattern[j] in "!^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern):
        if pattern.startswith("[:", j) and (close := pattern.find(":]", j + 2)) > 0:
            j = close + 2
        elif pattern[j] == "]":
            return j
        else:
            j += 1
    return -1


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re2._Regexp:
    import re2

    try:
        return re2.compile(_translate(pattern), options=_options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise GlobError(f"invalid glob {pattern!r}: {reason}") from None


def check_glob(pattern: str) -> None:
    """Raise ``GlobError`` if ``pattern`` is not a valid glob (called while loading the config)."""
    _compile(_as_utf8(pattern[2:] if pattern.startswith("./") else pattern))


def _as_utf8(text: str) -> str:
    """A name that is not valid UTF-8 (held with surrogate escapes) with its bad bytes as U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def glob_matches(pattern: str, relative_path: str) -> bool:
    """Does ``pattern`` match the path (relative to the project root, '/'-separated)?"""
    path = _as_utf8(relative_path[2:] if relative_path.startswith("./") else relative_path)
    pattern = _as_utf8(pattern[2:] if pattern.startswith("./") else pattern)
    compiled = _compile(pattern)
    if compiled.fullmatch(path):
        return True
    if "/" not in pattern.rstrip("/"):
        if "/" not in path:  # a bare name (every walked entry): already tried whole
            return False
        return any(compiled.fullmatch(part) for part in PurePosixPath(path).parts)
    return False


def name_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Does a bare file or folder name match any of these slash-free patterns? What
    ``glob_matches`` answers for each of them, in one expression: a walk asks for every entry."""
    if not patterns:
        return lambda name: False
    cleaned = [_as_utf8(p[2:] if p.startswith("./") else p).rstrip("/") for p in patterns]
    # A match ends with what follows a pattern's last wildcard: `*.egg-info` can never match
    # `models.py`, and a string test is far cheaper than a call into RE2 (compiled, and RE2
    # imported, only for the first name that passes it).
    endings = tuple(_literal_ending(p) for p in cleaned)

    @lru_cache(maxsize=1)
    def compiled() -> re2._Regexp:
        import re2

        return re2.compile("|".join(f"(?:{_translate(p)})" for p in cleaned), options=_options())

    return lambda name: (text := _as_utf8(name)).endswith(endings) and compiled().fullmatch(text) is not None


def _literal_ending(pattern: str) -> str:
    """The part of a glob after its last ``*``, ``?``, ``[`` or ``]`` (all of it when it has none)."""
    last = max(pattern.rfind(c) for c in "*?[]")
    return pattern[last + 1 :]
