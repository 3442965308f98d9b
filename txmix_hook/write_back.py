"""Writing an edited source file back, the way a user expects an editor to.

``--fix`` and ``--add-noqa`` run from commit hooks on other people's files, so a write:

- goes through a symlink to its target (the link stays a link, as ruff does);
- refuses a file nobody may write (mode without write bits, or not writable for this user),
  rather than replacing it through a rename;
- keeps the mode and the owner: a file with one link is replaced atomically by a temp file
  renamed over it (``fchmod``/``fchown`` first, so a run as root leaves a user's file theirs);
  a file with several hard links, or one owned by someone else that we may write but could
  not hand back, is rewritten in place so every link keeps seeing it;
- re-reads the file just before replacing it and skips it, with a warning, if its bytes are no
  longer the ones txmix read: an edit made while txmix ran is never overwritten;
- turns every failure into one line naming the file, and never stops the other files.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    not_written: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per file that could not be written
    warnings: list[str] = field(default_factory=list)  # files skipped because they changed meanwhile

    def add(self, display: str, original: bytes, data: bytes, path: Path) -> bool:
        """Write ``data`` over ``path`` if it still holds ``original``; True when written."""
        try:
            skipped = write_source(path, original, data)
        except OSError as exc:
            self.errors.append(f"{display}: not written: {exc.strerror or exc}")
            self.not_written.append(display)
            return False
        if skipped:
            self.warnings.append(f"{display}: not written: {skipped}")
            self.not_written.append(display)
            return False
        self.written.append(display)
        return True

    def summary(self) -> str:
        """One line saying exactly what was and was not written ("" when every write worked)."""
        if not self.not_written:
            return ""
        wrote = f"Wrote {_files(self.written)}" + (f" ({', '.join(self.written)})" if self.written else "")
        return f"{wrote}; {_files(self.not_written)} not written ({', '.join(self.not_written)})."


def _files(names: list[str]) -> str:
    return f"{len(names)} file{'' if len(names) == 1 else 's'}"


class _Refused(OSError):
    pass


def write_source(path: Path, original: bytes, data: bytes) -> str:
    """Replace ``path``'s bytes ``original`` by ``data``; "" when done, else why it was skipped.

    Raises ``OSError`` (with ``strerror`` set) for a file that cannot be written.
    """
    target = Path(os.path.realpath(path))
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(0, "not a regular file")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise _Refused(0, "file is read-only")
    expected = hashlib.sha256(original).digest()
    euid = os.geteuid()
    if info.st_nlink > 1 or (euid != 0 and info.st_uid != euid) or not os.access(target.parent, os.W_OK):
        return _write_in_place(target, expected, data)  # no temp file can be made beside it either
    return _replace(target, info, expected, data)


def _changed(current: bytes, expected: bytes) -> bool:
    return hashlib.sha256(current).digest() != expected


CHANGED = "the file changed while txmix ran; run txmix again"


def _write_in_place(target: Path, expected: bytes, data: bytes) -> str:
    """Hard links (and files we could not hand back to their owner): same inode, every link sees it."""
    with open(target, "r+b") as handle:
        if _changed(handle.read(), expected):
            return CHANGED
        handle.seek(0)
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
    return ""


def _replace(target: Path, info: os.stat_result, expected: bytes, data: bytes) -> str:
    """A temp file beside the target, given its mode and owner, renamed over it: never half-written."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".txmix-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(handle.fileno(), info.st_uid, info.st_gid)
                except PermissionError:  # a group we are not in: keep the owner at least
                    os.fchown(handle.fileno(), info.st_uid, -1)
            os.fsync(handle.fileno())
        if _changed(target.read_bytes(), expected):
            os.unlink(temp)
            return CHANGED
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return ""
