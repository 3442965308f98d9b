"""``txmix check --add-noqa``: every finding silenced, nothing broken, idempotent."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cli_helpers import MIX, run_txmix
from txmix_hook.engine.parse import parse


def add_noqa(tmp_path: Path, body: str | bytes, name: str = "app.py") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    code, _, err = run_txmix(["check", "--isolated", "--add-noqa", name], tmp_path)
    assert code == 0, err
    return path.read_bytes().decode("latin-1"), err


def test_add_noqa_then_check_reports_nothing_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    text, err = add_noqa(tmp_path, MIX)
    assert '    conn = psycopg2.connect("dbname=shop")  # txmix: ignore[TXM001]\n' in text
    assert "Added 1 txmix: ignore comment to 1 file." in err
    code, out, _ = run_txmix(["check", "--isolated", "app.py"], tmp_path)
    assert (code, out) == (0, "")
    again, err = add_noqa(tmp_path, text)
    assert again == text and "Added 0 txmix: ignore comments to 0 files." in err


def test_add_noqa_merges_with_an_existing_txmix_comment(tmp_path: Path) -> None:
    body = MIX + "\n\nasync def pay(db: Session):\n    await db.commit()\n    psycopg2.connect('')  # txmix: ignore[TXM003] -- legacy\n"
    body = body.replace("import psycopg2\n", "import psycopg2, asyncpg\n")
    body += "    await asyncpg.connect('')\n"
    text, _ = add_noqa(tmp_path, body)
    assert "    psycopg2.connect('')  # txmix: ignore[TXM003, TXM001] -- legacy\n" in text


def test_add_noqa_keeps_an_existing_foreign_comment(tmp_path: Path) -> None:
    text, _ = add_noqa(tmp_path, MIX.replace('connect("dbname=shop")', 'connect("dbname=shop")  # noqa: E501'))
    assert 'connect("dbname=shop")  # noqa: E501  # txmix: ignore[TXM001]\n' in text


def test_add_noqa_never_breaks_a_backslash_continuation(tmp_path: Path) -> None:
    body = MIX.replace('    conn = psycopg2.connect("dbname=shop")', '    conn = psycopg2.connect("dbname=shop"); ok = \\\n        True')
    text, _ = add_noqa(tmp_path, body)
    assert 'ok = \\\n        True\n' in text  # untouched
    assert "    db.add(order)  # txmix: ignore[TXM001]\n" in text  # the related line took it
    assert not parse(text.encode()).root_node.has_error


def test_add_noqa_never_writes_inside_a_multiline_string(tmp_path: Path) -> None:
    body = MIX.replace('    conn = psycopg2.connect("dbname=shop")', '    conn = psycopg2.connect("""\n        dbname=shop""")').replace(
        "    db.add(order)", "    db.add(order, note='''\n    x''')"
    )
    text, _ = add_noqa(tmp_path, body)
    assert 'psycopg2.connect("""\n' in text and "note='''\n" in text
    assert "def create_order(db: Session, order):  # txmix: ignore[TXM001]\n" in text
    assert run_txmix(["check", "--isolated", "app.py"], tmp_path)[0] == 0


def test_add_noqa_keeps_crlf_encoding_and_permissions(tmp_path: Path) -> None:
    body = ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + MIX).replace("\n", "\r\n").encode("latin-1")
    path = tmp_path / "app.py"
    path.write_bytes(body)
    os.chmod(path, 0o751)
    run_txmix(["check", "--isolated", "--add-noqa", "app.py"], tmp_path)
    data = path.read_bytes()
    assert b"# caf\xe9\r\n" in data
    assert b'connect("dbname=shop")  # txmix: ignore[TXM001]\r\n' in data
    assert data.count(b"\r\n") == data.count(b"\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert not list(tmp_path.glob(".*txmix-tmp"))


def test_add_noqa_keeps_a_missing_final_newline(tmp_path: Path) -> None:
    text, _ = add_noqa(tmp_path, MIX.replace("    conn.commit()\n", "    conn.commit()"))
    assert text.endswith("    conn.commit()")
