"""Reading a file to check without ever blocking on something that is not a file.

A FIFO named ``*.py`` blocks ``open()`` until a writer appears, and a device may never end; a
linter must not wait for either. So the kind of a path is checked with ``os.stat`` before it is
opened, and the file is opened non-blocking and checked again with ``fstat`` (a FIFO swapped in
between the two is then seen, not waited on).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder: skipped, with the kind in ``strerror``."""


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_regular_file(path: str | Path) -> bytes:
    """The bytes of ``path``; ``NotRegularFile`` if it is anything but a regular file."""
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegularFile(0, f"{kind}, not a regular file")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(0, f"{kind}, not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
