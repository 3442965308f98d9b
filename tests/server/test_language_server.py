"""`txmix server` end to end: a real LSP client (pytest-lsp) drives the real server process."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter
from pygls.uris import from_fs_path

MIX = """\
import psycopg2
from sqlalchemy.orm import Session


def create_order(db: Session, order):
    db.add(order)
    conn = psycopg2.connect("dbname=shop")
    conn.commit()
"""
CLEAN = MIX.replace('    conn = psycopg2.connect("dbname=shop")\n    conn.commit()\n', "    db.commit()\n")
STALE = "x = 1  # txmix: ignore[TXM003]\n"


class RecordingClient(LanguageClient):
    """The pytest-lsp client, also counting every diagnostics publication and registration."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=default_converter)
    client.published, client.registrations = [], []

    def publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    def register(client: RecordingClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish, types.CLIENT_REGISTER_CAPABILITY: register})
    return client


TXMIX = str(Path(sys.executable).parent / "txmix")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[TXMIX, "server"], client_factory=make_client))
async def client(lsp_client: RecordingClient, tmp_path: Path) -> Any:
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nselect = ["TXM"]\n')
    (tmp_path / "app").mkdir()
    params = types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=from_fs_path(str(tmp_path)))
    await lsp_client.initialize_session(params)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def open_document(client: RecordingClient, name: str, text: str) -> str:
    path = client.root / name  # type: ignore[attr-defined]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    uri = from_fs_path(str(path))
    assert uri is not None
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def replace_all(client: RecordingClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
    ))


async def save(client: RecordingClient, uri: str) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def report_changed(client: RecordingClient, path: Path) -> None:
    """What an editor sends for a file it watches for us."""
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=from_fs_path(str(path)) or "", type=types.FileChangeType.Changed)],
    ))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@pytest.mark.asyncio
async def test_diagnostics_on_open_with_position_code_and_related_orm_line(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    (diagnostic,) = client.diagnostics[uri]
    assert diagnostic.code == "TXM001" and diagnostic.source == "txmix"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (6, 11)
    assert diagnostic.message.startswith("psycopg2 connection `conn` runs in its own transaction")
    assert diagnostic.related_information and diagnostic.related_information[0].location.range.start.line == 5


HELPER = """\
import psycopg2


def fetch_totals(order_id):
    conn = psycopg2.connect("dbname=shop")
    conn.cursor().execute("SELECT 1")
"""
HANDLER = """\
from sqlalchemy.orm import Session

from app.reports import fetch_totals


def create_order(db: Session, order):
    db.add(order)
    fetch_totals(order.id)
"""


@pytest.mark.asyncio
async def test_a_mix_through_a_helper_in_another_module_is_shown_with_its_path(client: RecordingClient) -> None:
    """The project around the document is read (and cached, as `txmix check` caches it)."""
    root = client.root  # type: ignore[attr-defined]
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "reports.py").write_text(HELPER)
    uri = await open_document(client, "app/orders.py", HANDLER)
    [diagnostic] = client.diagnostics[uri]
    assert diagnostic.code == "TXM001" and diagnostic.range.start.line == 7
    assert diagnostic.related_information and any(r.location.uri.endswith("app/reports.py") for r in diagnostic.related_information)
    assert (root / ".txmix_cache" / "CACHEDIR.TAG").is_file()


@pytest.mark.asyncio
async def test_a_helper_changed_on_disk_is_read_again(client: RecordingClient) -> None:
    """A `git checkout` or another tool changes a module the open document calls: the editor
    reports the watched file, and the next diagnostics follow the new helper."""
    root = client.root  # type: ignore[attr-defined]
    (root / "app" / "__init__.py").write_text("")
    helper = root / "app" / "reports.py"
    helper.write_text(HELPER.replace('psycopg2.connect("dbname=shop")', "object()"))
    uri = await open_document(client, "app/orders.py", HANDLER)
    assert not client.diagnostics[uri]
    (registration,) = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert "**/*.py" in str(registration.register_options)
    helper.write_text(HELPER)
    await report_changed(client, helper)
    assert [d.code for d in client.diagnostics[uri]] == ["TXM001"]


@pytest.mark.asyncio
async def test_typing_is_debounced_and_the_text_at_rest_is_checked(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    before = len(client.published)
    for version, text in enumerate([MIX + "\n", MIX + "\n\n", CLEAN], start=2):
        replace_all(client, uri, version, text)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.sleep(0.5)  # room for any late, undebounced publication to arrive
    assert len(client.published) == before + 1  # one check for three keystrokes
    assert client.published[-1].version == 4 and not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_save_rechecks_at_once(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", CLEAN)
    assert not client.diagnostics[uri]
    replace_all(client, uri, 2, MIX)
    await save(client, uri)
    assert [d.code for d in client.diagnostics[uri]] == ["TXM001"]


@pytest.mark.asyncio
async def test_code_action_applies_the_findings_fix(client: RecordingClient) -> None:
    uri = await open_document(client, "app/stale.py", STALE)
    (diagnostic,) = client.diagnostics[uri]
    assert diagnostic.code == "TXM100"
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic]),
    ))
    fix = next(a for a in actions or [] if isinstance(a, types.CodeAction) and a.title.startswith("txmix: fix TXM100"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.edit is not None and fix.edit.changes is not None
    assert apply(STALE, fix.edit.changes[uri]) == "x = 1\n"


@pytest.mark.asyncio
async def test_code_actions_offer_the_unsafe_fix_and_an_ignore_comment(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    (diagnostic,) = client.diagnostics[uri]
    cursor = types.Range(start=diagnostic.range.start, end=diagnostic.range.start)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=cursor, context=types.CodeActionContext(diagnostics=[]),
    ))
    by_title = {a.title: a for a in actions or [] if isinstance(a, types.CodeAction)}
    unsafe = next(a for t, a in by_title.items() if t.startswith("txmix: fix TXM001 (unsafe)"))
    assert unsafe.edit is not None and unsafe.edit.changes is not None
    assert "db.flush()" in apply(MIX, unsafe.edit.changes[uri]) and not unsafe.is_preferred
    ignore = by_title["txmix: ignore TXM001 here (# txmix: ignore[TXM001])"]
    assert ignore.edit is not None and ignore.edit.changes is not None
    ignored = apply(MIX, ignore.edit.changes[uri])
    assert '    conn = psycopg2.connect("dbname=shop")  # txmix: ignore[TXM001]\n' in ignored
    replace_all(client, uri, 2, ignored)
    await save(client, uri)
    assert not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_hover_on_a_finding_explains_its_rule(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    (diagnostic,) = client.diagnostics[uri]
    found = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=6, character=15),
    ))
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert found.contents.value.startswith("**TXM001** `orm-and-psycopg2-in-one-scope`")
    assert "## Why is this bad?" in found.contents.value and found.range == diagnostic.range
    elsewhere = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0),
    ))
    assert elsewhere is None


@pytest.mark.asyncio
async def test_a_watched_rule_file_change_reloads_the_rules(client: RecordingClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    (root / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    (root / "txmix-rules").mkdir()
    rule = root / "txmix-rules" / "tune.yaml"
    rule.write_text("id: TXM005\noverride: true\nseverity: error\n")
    uri = await open_document(client, "app/orders.py", MIX)
    (registration,) = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert "**/pyproject.toml" in str(registration.register_options) and "**/*.yaml" in str(registration.register_options)
    assert [d.code for d in client.diagnostics[uri]] == ["TXM001"]
    rule.write_text("id: TXM001\noverride: true\nenabled: false\n")  # pyproject.toml itself unchanged
    await report_changed(client, rule)
    assert not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_an_edited_pyproject_applies_at_the_next_check_without_a_watcher(client: RecordingClient) -> None:
    """Editors that do not watch files (Neovim on Linux, Helix) still get the new configuration."""
    uri = await open_document(client, "app/orders.py", MIX)
    assert [d.code for d in client.diagnostics[uri]] == ["TXM001"]
    (client.root / "pyproject.toml").write_text('[tool.txmix]\nignore = ["TXM001"]\n')  # type: ignore[attr-defined]
    await save(client, uri)
    assert not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_a_broken_config_is_shown_once_not_a_crash(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    pyproject = client.root / "pyproject.toml"  # type: ignore[attr-defined]
    pyproject.write_text('[tool.txmix]\nselect = "TXM001"\n')
    await report_changed(client, pyproject)
    assert not client.diagnostics[uri]
    assert any("select: expected a list of strings" in m.message and m.type == types.MessageType.Error for m in client.messages)


@pytest.mark.asyncio
async def test_closing_clears_the_documents_diagnostics(client: RecordingClient) -> None:
    uri = await open_document(client, "app/orders.py", MIX)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not client.diagnostics[uri]


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits the way an editor does (ASCII test text: UTF-16 columns are characters)."""
    lines = text.split("\n")
    offsets = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines) + 1)]

    def at(p: types.Position) -> int:
        return offsets[min(p.line, len(lines))] + p.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end) :]
    return text


def test_the_readme_editor_settings_start_this_server() -> None:
    """VS Code's and Helix's settings parse, and every editor snippet runs `txmix server`."""
    import json
    import tomllib

    from readme import fenced_blocks

    vscode = json.loads(fenced_blocks("Editors", "json")[0])
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == ["txmix", "server"]
    assert vscode["glspc.server.languageId"] == ["python"]
    helix = tomllib.loads(fenced_blocks("Editors", "toml")[0])
    assert [helix["language-server"]["txmix"]["command"], *helix["language-server"]["txmix"]["args"]] == ["txmix", "server"]
    assert "txmix" in helix["language"][0]["language-servers"]
    (neovim,) = fenced_blocks("Editors", "lua")
    assert 'cmd = { "txmix", "server" }' in neovim and 'vim.lsp.enable("txmix")' in neovim
