"""The pygls server: which LSP messages txmix answers, and when it re-checks a document.

Checks run on open and save at once, and on change after a short pause (typing produces a
change per keystroke; only the text at rest is checked). A change to a watched
``pyproject.toml`` (or rule file) rebuilds the settings and re-checks every open document; a
Python file changed on disk (a ``git checkout``, another tool) makes the next check read the
project again (cheap: unchanged files come from the cache by their status).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from txmix_hook import __version__
from txmix_hook.server.linter import SETTINGS_ERRORS, BufferCheck, Linter
from txmix_hook.server import protocol

DEBOUNCE_SECONDS = 0.25
WATCHED = ("**/pyproject.toml", "**/*.yaml", "**/*.yml", "**/*.py", "**/*.pyi")
PYTHON_SUFFIXES = (".py", ".pyi")


class TxmixServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("txmix", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linter = Linter()
        self.debounce = debounce
        self.checks: dict[str, BufferCheck] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.config_error: str | None = None

    def lines(self, uri: str) -> list[str]:
        return self.workspace.get_text_document(uri).source.split("\n")

    def lint(self, uri: str) -> None:
        """Check the document as it is now and publish its diagnostics."""
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        if path.suffix not in (".py", ".pyi"):
            return
        try:
            check = self.linter.check(path, document.source)
        except SETTINGS_ERRORS as exc:
            self._report_config_error(str(exc))
            check = BufferCheck()
        else:
            self.config_error = None
        self.checks[uri] = check
        lines = document.source.split("\n")
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=protocol.diagnostics(uri, check, lines))
        )

    def lint_later(self, uri: str) -> None:
        if (task := self.pending.pop(uri, None)) is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_after_pause(uri))

    async def _lint_after_pause(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint(uri)

    def _report_config_error(self, message: str) -> None:
        if message != self.config_error:  # once per distinct problem, not once per keystroke
            self.config_error = message
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"txmix: {message}"))


server = TxmixServer()


@server.feature(types.INITIALIZED)
def initialized(ls: TxmixServer, params: types.InitializedParams) -> None:
    """Ask the editor to tell us when configuration or rule files change (if it can)."""
    watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
        registration = types.Registration(id="txmix-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TxmixServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: TxmixServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: TxmixServer, params: types.DidSaveTextDocumentParams) -> None:
    if (task := ls.pending.pop(params.text_document.uri, None)) is not None:
        task.cancel()
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TxmixServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if (task := ls.pending.pop(uri, None)) is not None:
        task.cancel()
    ls.checks.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: TxmixServer, params: types.DidChangeWatchedFilesParams) -> None:
    if all(change.uri.endswith(PYTHON_SUFFIXES) for change in params.changes):
        ls.linter.refresh_project()  # settings stand; the project's files changed
    else:
        ls.linter.reload()
    for uri in list(ls.workspace.text_documents):
        ls.lint(uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: TxmixServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    check = ls.checks.get(uri)
    return protocol.code_actions(uri, check, ls.lines(uri), params.range) if check is not None else []


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: TxmixServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    check = ls.checks.get(uri)
    return protocol.hover(uri, check, ls.lines(uri), params.position) if check is not None else None


def run() -> None:
    server.start_io()
