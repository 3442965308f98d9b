"""The ``txmix`` command's entry point: ``--version`` is answered before anything is imported.

Importing click alone costs several times the 50 ms a version check may take, so the one
invocation that needs nothing else is handled here; every other goes to the click CLI, which
prints the same line for ``--version`` when it comes with other arguments.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from txmix_hook import __version__

        sys.stdout.write(f"txmix {__version__}\n")
        return
    if sys.argv[1:2] == ["check"]:
        # A check process ends when the check does: the collection gc_paused would let run at
        # the end only delays the exit (0.7 s on a large project), so it is never switched on.
        gc.disable()
    from txmix_hook.cli import main as cli_main

    cli_main()
