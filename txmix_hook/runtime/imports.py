"""Apply a watcher to a module as soon as the user imports it, and never import it ourselves.

``install()`` wraps the drivers already in ``sys.modules`` at once. The pytest plugin installs
before the test modules import anything, and a server may install before it imports its
drivers, so the guard also leaves a finder on ``sys.meta_path`` that lets the normal import run
and then applies the watcher to the fresh module. The finder only ever answers for the handful
of module names it watches, and ``uninstall()`` removes it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

Watcher = Callable[[ModuleType], None]


class _WatchingLoader(Loader):
    def __init__(self, loader: Loader, watcher: Watcher) -> None:
        self._loader = loader
        self._watcher = watcher

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # the module sees its real loader, as if we were not there
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._watcher(module)


class WatchImports(MetaPathFinder):
    def __init__(self, watchers: dict[str, Watcher]) -> None:
        self._watchers = watchers

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        watcher = self._watchers.get(fullname)
        if watcher is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _WatchingLoader(spec.loader, watcher)
                return spec
        return None


def watch(watchers: dict[str, Watcher]) -> WatchImports:
    """Apply each watcher now if its module is imported, else when it is; returns the finder."""
    pending = {}
    for name, watcher in watchers.items():
        module = sys.modules.get(name)
        if module is not None:
            watcher(module)
        else:
            pending[name] = watcher
    finder = WatchImports(pending)
    sys.meta_path.insert(0, finder)
    return finder


def unwatch(finder: WatchImports) -> None:
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
