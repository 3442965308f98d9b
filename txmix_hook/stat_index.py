"""Which summary each file has, found from the file's status alone, without reading it.

A warm run must know every project file's summary key, and the key covers the file's bytes:
reading and hashing thousands of files, and reading each one's cache entry, was most of a
warm pre-commit run. This index keeps, in one cache entry per rules digest, each file's
status (size, modification and change times in nanoseconds, inode, device) next to its
summary record without the summary itself. While a file's status is unchanged, its record
comes from here; its summary is read from the cache entry only if phase 2 asks for it.

The change time (``st_ctime_ns``) moves with every write and no tool can set it back, so an
edit that keeps the size and the modification time is still seen. As git does with its index,
a file changed in the last two seconds is not remembered: on a file system whose clock ticks
coarsely, a second write in the same tick would leave the same status behind. An entry whose
file changed is replaced, so the index holds the latest record of each file a run has seen.
"""

from __future__ import annotations

import os

from txmix_hook.cache import Cache
from txmix_hook.summary.record import SummaryRecord

STAT_INDEX = "stat-index/1"
RECENT_NS = 2_000_000_000  # a status this fresh may not change with the next write

Status = tuple[int, int, int, int, int]


def status_of(path: str, known: os.stat_result | None = None) -> Status | None:
    """``known``: the status discovery already took (one ``stat`` per file and run)."""
    try:
        found = known if known is not None else os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


class StatIndex:
    def __init__(self, cache: Cache, digest: bytes) -> None:
        self.cache = cache
        self.key = cache.key(STAT_INDEX, digest)
        loaded = cache.load(self.key)
        self.entries: dict[str, tuple[Status, SummaryRecord]] = loaded if isinstance(loaded, dict) else {}
        self.changed = False
        self.present: set[str] = set()  # files this run found (a status was taken): they need no check on save

    def header(self, path: str, status: Status | None, module: str) -> SummaryRecord | None:
        """The record of ``path``, without its summary, while its status and its module name are
        unchanged (an added ``__init__.py`` renames the modules below it). The index's own
        object: the caller may attach a way to fetch the summary, ``save`` keeps headers only."""
        if status is not None:
            self.present.add(path)
        found = self.entries.get(path)
        if found is None or status is None or found[0] != status:
            return None
        header = found[1]
        if not isinstance(header, SummaryRecord) or header.key is None or header.module != module:
            return None
        return header

    def remember(self, path: str, status: Status | None, record: SummaryRecord, taken_ns: int) -> None:
        """``taken_ns``: when ``status`` was taken (before the file was read)."""
        if status is None or record.key is None or taken_ns - max(status[1], status[2]) < RECENT_NS:
            return
        known = self.entries.get(path)
        if known is not None and known[0] == status and known[1].key == record.key:
            return
        self.entries[path] = (status, record.header())
        self.changed = True

    def save(self) -> None:
        if self.changed:
            self.entries = {  # deleted files go; a header whose summary a run loaded goes back bare
                path: entry if entry[1].bare else (entry[0], entry[1].header())
                for path, entry in self.entries.items()
                if path in self.present or os.path.exists(path)  # a stat per file the run did not see
            }
            self.cache.store(self.key, self.entries)
            self.changed = False
