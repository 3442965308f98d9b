"""CPython's own verdict on a text: the check every fixed file must pass before it is written.

tree-sitter recovers from errors and accepts code CPython rejects (``await`` in a sync
``def``, mixed tabs and spaces, ``return`` at module level), so only ``compile()`` can promise
a fix did not break a file. The check runs under the interpreter txmix runs on; no
``from __future__`` flags leak in from txmix itself (``dont_inherit``), and compile-time
warnings (invalid escapes) are not errors.
"""

from __future__ import annotations

import warnings


def compile_error(text: str, filename: str) -> str | None:
    """None when ``text`` compiles; otherwise a short reason ("SyntaxError at 3:5: ...")."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:  # TabError and IndentationError included
        where = f" at {exc.lineno}:{exc.offset}" if exc.lineno is not None else ""
        return f"{type(exc).__name__}{where}: {exc.msg}"
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
