"""Where a finding goes: listeners, the current context's sinks, then a warning or an error.

Process-wide listeners serve the pytest plugin (it files every finding under the running
test); context-local sinks serve the middleware (one request's findings go to its log) and the
``guard()`` block. The mode decides what the code that mixed sees: ``warn`` issues a
``TxMixWarning`` attributed to the raw statement's line, ``error`` raises ``TxMixError`` before
the statement runs, so the second transaction never starts.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from contextvars import ContextVar
from typing import Literal

from txmix_hook.runtime.findings import RuntimeFinding, TxMixError, TxMixWarning

Mode = Literal["warn", "error"]
MODES: tuple[Mode, ...] = ("warn", "error")
Listener = Callable[[RuntimeFinding], None]

_listeners: list[Listener] = []
SINKS: ContextVar[tuple[Listener, ...]] = ContextVar("txmix_runtime_sinks", default=())
_mode: list[Mode] = ["warn"]
_warning_registries: dict[str, dict[str | tuple[str, type[Warning], int], int]] = {}


def check_mode(mode: str) -> Mode:
    if mode not in MODES:
        raise ValueError(f"txmix runtime mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode  # type: ignore[return-value]


def set_mode(mode: Mode) -> None:
    _mode[0] = check_mode(mode)


def current_mode() -> Mode:
    return _mode[0]


def add_listener(listener: Listener) -> None:
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def dispatch(finding: RuntimeFinding) -> None:
    for listener in tuple(_listeners):  # a copy: a listener may remove itself
        listener(finding)
    for sink in SINKS.get():
        sink(finding)
    if _mode[0] == "error":
        raise TxMixError(finding)
    site = finding.raw_site
    # attributed to the user's line, and shown once per line like any other warning
    registry = _warning_registries.setdefault(site.path, {})
    warnings.warn_explicit(TxMixWarning(finding), TxMixWarning, site.path, site.line, registry=registry)
