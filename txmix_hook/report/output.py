"""Writing a report (or a scaffolded rule) to a file the user named."""

from __future__ import annotations

from pathlib import Path

from txmix_hook.discovery import display_path
from txmix_hook.edits import WriteError, write_atomic


def write_new_file(path: Path, data: bytes) -> None:
    """Create missing parent folders (``-o reports/txmix.sarif`` in a fresh CI checkout), then write atomically."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{display_path(path)}: cannot create its folder: {exc.strerror or exc}") from None
    write_atomic(path, data)
