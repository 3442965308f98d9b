"""A content-hash cache, so a run only analyses what changed since the last one.

Lives in ``.txmix_cache/`` at the project root (the nearest folder above the checked paths
holding ``pyproject.toml``, ``setup.cfg`` or ``.git``), or wherever ``TXMIX_CACHE_DIR`` says,
like ruff's ``.ruff_cache``. The folder carries a ``CACHEDIR.TAG`` (backup tools skip it) and
its own ``.gitignore`` (``*``), so it never needs an entry in the project's.

Every entry is named by its key: a sha256 over the txmix version, a stamp of txmix's own
code (an edited checkout must not reuse what older code computed), a caller-given *kind* and
the caller's parts (the file's bytes, the digest of the rules and settings that change the
result). A key that names the entry is therefore all the validation a value needs, provided
the bytes on disk are really the ones written for that key: each entry starts with a header
(magic, format version, the key itself) and a sha256 of the payload, and anything that does
not check out (truncated, corrupt, another program's file, another key's) is ignored and
then overwritten. Entries are written to a temporary file in the same folder and moved into
place with ``os.replace``, so two txmix processes at once only ever see whole entries.

Values are pickled: the cache holds only what this txmix wrote into the user's own project,
the same trust as the ``__pycache__`` next to it. The cache is best effort: a folder that
cannot be created or written just means the work is done again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from txmix_hook import __version__

CACHE_DIR_NAME = ".txmix_cache"
CACHE_DIR_ENV = "TXMIX_CACHE_DIR"
PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", ".git")
MAGIC = b"TXMIXCACHE\x00"
FORMAT = 1
_HEADER = MAGIC + FORMAT.to_bytes(2, "big")
_DIGEST = 32  # sha256
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by txmix.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class NotACacheError(Exception):
    """``txmix cache clean`` pointed at a folder txmix did not create; the message names it."""


class Cache:
    """One cache folder: keys, and whole entries read and written by key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._root = str(directory)  # entries are opened by string path: pathlib costs more than the read
        self._ready = False

    def key(self, kind: str, *parts: bytes | str) -> bytes:
        """sha256 of txmix's version and code, ``kind`` and ``parts``, each length-prefixed so
        no two different part lists can hash alike."""
        digest = hashlib.sha256(_salt())
        for part in (kind, *parts):
            raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part  # file names need not be UTF-8
            digest.update(len(raw).to_bytes(8, "big"))
            digest.update(raw)
        return digest.digest()

    def load(self, key: bytes) -> Any | None:
        """The value stored under ``key``, or None when there is none that checks out."""
        name = key.hex()
        try:
            with open(os.path.join(self._root, name[:2], name[2:]), "rb") as entry:
                blob = entry.read()
        except OSError:
            return None
        head = len(_HEADER) + 2 * _DIGEST
        if len(blob) < head or not blob.startswith(_HEADER) or blob[len(_HEADER) : len(_HEADER) + _DIGEST] != key:
            return None
        payload = memoryview(blob)[head:]
        if hashlib.sha256(payload).digest() != blob[len(_HEADER) + _DIGEST : head]:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a payload from an incompatible txmix: not trusted, recomputed
            return None

    def store(self, key: bytes, value: Any) -> None:
        """Write ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
        import tempfile  # only a run that writes: a warm one reads

        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        target = self._path(key)
        try:
            self._prepare()
            target.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_HEADER + key + hashlib.sha256(payload).digest())
                    out.write(payload)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return

    def _path(self, key: bytes) -> Path:
        name = key.hex()
        return self.directory / name[:2] / name[2:]

    def _prepare(self) -> None:
        """Create the folder with its tag and ``.gitignore`` (once per run, before the first write)."""
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# Created by txmix automatically.\n*\n")):
            if not (self.directory / name).is_file():
                _write_atomic(self.directory / name, content.encode("utf-8"))
        self._ready = True


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def marked_root(paths: Sequence[Path], cwd: Path | None = None) -> Path | None:
    """The nearest folder holding a project marker (pyproject.toml, setup.cfg, .git) above (or
    at) all of ``paths`` (relative ones from ``cwd``); None when there is none. One definition
    for where a project starts: its cache, and the files a run summarises, live there."""
    here = Path(os.path.abspath(cwd or Path.cwd()))
    absolute = [Path(os.path.abspath(here / p)) for p in paths] or [here]
    start = Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute]))
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return None


def project_root(paths: Sequence[Path], cwd: Path | None = None) -> Path:
    """The project root for the cache: the marked root, else ``cwd``."""
    return marked_root(paths, cwd) or Path(os.path.abspath(cwd or Path.cwd()))


def cache_dir(paths: Sequence[Path], cwd: Path | None = None) -> Path:
    """Where the cache for a run over ``paths`` lives: ``TXMIX_CACHE_DIR`` or the project root's."""
    here = Path(os.path.abspath(cwd or Path.cwd()))
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return here / Path(configured).expanduser()
    return project_root(paths, here) / CACHE_DIR_NAME


def open_cache(paths: Sequence[Path], enabled: bool = True) -> Cache | None:
    """The cache a run uses, or None with ``--no-cache``."""
    return Cache(cache_dir(paths)) if enabled else None


def clean(directory: Path) -> bool:
    """Remove a txmix cache folder; True when there was one. A folder without txmix's tag is
    left alone, so a mistyped ``TXMIX_CACHE_DIR`` never deletes someone's files."""
    tag = directory / "CACHEDIR.TAG"
    if not directory.is_dir():
        return False
    if not tag.is_file() or "created by txmix" not in tag.read_text(encoding="utf-8", errors="replace"):
        raise NotACacheError(f"{directory}: not a txmix cache folder (no txmix CACHEDIR.TAG); not removed")
    import shutil

    shutil.rmtree(directory)
    return True


def canonical_digest(*values: Any) -> bytes:
    """sha256 of a canonical rendering of plain data (dataclasses, dicts, sets, sequences,
    scalars): equal content gives equal digests in every process, whatever the order sets
    and dicts were built in (string hashes, and so set order, differ between processes)."""
    return hashlib.sha256(repr(_canonical(list(values))).encode("utf-8")).digest()


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(_canonical(k)), _canonical(v)) for k, v in value.items())))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_canonical(v)) for v in value)))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, (str, int, float, bool, bytes, type(None), Path)):
        return value
    raise TypeError(f"no canonical form for {type(value).__name__}")


@lru_cache(maxsize=1)
def _salt() -> bytes:
    """The txmix version and code stamp, hashed once per process rather than into every key."""
    return hashlib.sha256(f"{__version__}\0{code_stamp()}".encode()).digest()


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Names, sizes and modification times of txmix's own modules and shipped rules.

    A released txmix changes its version with its code; a checkout being edited does not, and
    a cached result computed by yesterday's engine must not survive today's change. About a
    hundred ``stat`` calls, far less than one parse.
    """
    package = Path(__file__).resolve().parent
    entries: list[str] = []
    for folder in _folders(package):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".yaml", ".yml")):
                info = entry.stat()
                entries.append(f"{os.path.relpath(entry.path, package)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(entries)


def _folders(package: Path) -> Iterable[str]:
    for dirpath, dirnames, _ in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        yield dirpath
