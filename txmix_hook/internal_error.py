"""One file, one error: an internal error while analysing a file is reported against it.

The promise is that one bad file never ends a run. A bug that only some input triggers
becomes one error line naming the file, with the version and a hint to report it, and every
other file is still checked and reported.
"""

from __future__ import annotations

from txmix_hook import __version__


def internal_error_line(display: str, exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:200]
    return (
        f"{display}:1:1: internal error: {type(exc).__name__}: {detail} (txmix {__version__}); file skipped."
        " Please report this, with the file if you can, to the txmix maintainers"
    )
