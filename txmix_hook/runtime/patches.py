"""Every attribute the guard replaces, and how to put each original back.

``uninstall()`` must leave the drivers exactly as it found them: each patch keeps the raw
attribute (for a class, the descriptor in its ``__dict__``, such as a ``classmethod``), and
restoring sets that very object back, so ``psycopg2.connect is original`` holds afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

_MISSING = object()


@dataclass(frozen=True)
class Patch:
    owner: object
    name: str
    original: object


_applied: list[Patch] = []


def replace(owner: object, name: str, replacement: object) -> object:
    """Set ``owner.name`` to ``replacement``; return the original (descriptor) it replaced."""
    original = vars(owner).get(name, _MISSING)
    if original is _MISSING:
        raise AttributeError(f"{owner!r} has no attribute {name!r} of its own to replace")
    setattr(owner, name, replacement)
    _applied.append(Patch(owner, name, original))
    return original


def restore_all() -> None:
    while _applied:
        patch = _applied.pop()
        setattr(patch.owner, patch.name, patch.original)


def applied() -> list[Patch]:
    return list(_applied)
