"""``TxMixMiddleware``: one request is one tracking scope, and its findings go to the log.

For staging servers. Wrap an ASGI app (FastAPI, Starlette) or a WSGI app (Flask, Django's
``get_wsgi_application()``); the middleware tells which from the app (an ``async`` callable is
ASGI), or from ``interface=``. Each request starts with no open ORM transaction, so nothing
left over by an earlier request on the same worker thread is blamed on it, and each finding is
logged on the ``txmix.runtime`` logger (level WARNING) with the request's method and path.
Constructing the middleware installs the guard (``warn`` unless ``mode`` says otherwise) if it
is not running yet; in ``error`` mode the request that mixed fails with ``TxMixError``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from txmix_hook.runtime import installation, reporting, tracking
from txmix_hook.runtime.findings import RuntimeFinding
from txmix_hook.runtime.reporting import Mode

LOGGER = logging.getLogger("txmix.runtime")


@contextmanager
def request_scope(label: str, logger: logging.Logger = LOGGER) -> Iterator[None]:
    def log(finding: RuntimeFinding) -> None:
        logger.warning("%s [request %s]", finding.message(), label, extra={"txmix_finding": finding})

    tracking_token = tracking.reset_context()
    sink_token = reporting.SINKS.set(reporting.SINKS.get() + (log,))
    try:
        yield
    finally:
        reporting.SINKS.reset(sink_token)
        tracking.restore_context(tracking_token)


def _is_asgi(app: Any) -> bool:
    return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)


class TxMixMiddleware:
    """Wraps an ASGI or WSGI app; see the module docstring."""

    app: Any
    logger: logging.Logger

    def __new__(cls, app: Any, mode: Mode | None = None, interface: Literal["asgi", "wsgi"] | None = None, logger: logging.Logger | None = None) -> TxMixMiddleware:
        kind: type[TxMixMiddleware] = cls
        if cls is TxMixMiddleware:
            asgi = interface == "asgi" if interface else _is_asgi(app)
            kind = AsgiTxMixMiddleware if asgi else WsgiTxMixMiddleware
        return super().__new__(kind)

    def __init__(self, app: Any, mode: Mode | None = None, interface: Literal["asgi", "wsgi"] | None = None, logger: logging.Logger | None = None) -> None:
        self.app = app
        self.logger = logger or LOGGER
        if not installation.installed():
            installation.install(mode or "warn")
        elif mode is not None:
            reporting.set_mode(mode)


class AsgiTxMixMiddleware(TxMixMiddleware):
    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope.get("type") not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with request_scope(f"{scope.get('method', 'WEBSOCKET')} {scope.get('path', '')}", self.logger):
            await self.app(scope, receive, send)


class WsgiTxMixMiddleware(TxMixMiddleware):
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with request_scope(f"{environ.get('REQUEST_METHOD', '')} {environ.get('PATH_INFO', '')}", self.logger):
            return self.app(environ, start_response)
