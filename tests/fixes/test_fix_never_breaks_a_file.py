"""--fix keeps bytes it does not mean to change, drops fixes that would not parse, loops on overlaps."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cli_helpers import run_txmix

MIX = "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n    c = psycopg2.connect('')\n    c.commit()\n"
# The fix removes psycopg2's only use, so its import goes too (ruff F401 would flag it).
FIXED = "from sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n    db.flush()\n    c = db.connection().connection\n"


def fix(tmp_path: Path, data: bytes, *extra: str) -> tuple[bytes, str]:
    path = tmp_path / "app.py"
    path.write_bytes(data)
    _, _, err = run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", *extra, "app.py"], tmp_path)
    return path.read_bytes(), err


def test_crlf_file_round_trips_with_crlf(tmp_path: Path) -> None:
    after, _ = fix(tmp_path, MIX.replace("\n", "\r\n").encode())
    assert after == FIXED.replace("\n", "\r\n").encode()


def test_latin1_file_with_coding_declaration_round_trips(tmp_path: Path) -> None:
    header = "# -*- coding: latin-1 -*-\n# Prüfung des Lagers\n"
    after, _ = fix(tmp_path, (header + MIX).encode("latin-1"))
    assert after == (header + FIXED).encode("latin-1")


def test_missing_final_newline_is_kept(tmp_path: Path) -> None:
    after, _ = fix(tmp_path, MIX.rstrip("\n").encode() + b"\n    x = 1")
    assert after.endswith(b"    x = 1")


def test_permissions_are_kept_and_no_temp_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(MIX)
    os.chmod(path, 0o640)
    run_txmix(["check", "--isolated", "--no-cache", "--fix", "--unsafe-fixes", "app.py"], tmp_path)  # no cache folder either
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]


def test_a_fix_that_would_not_compile_is_dropped_with_a_warning(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text(
        "id: ACME1\nname: broken-fix\nseverity: error\nscope: function\nreport-at: raw\n"
        "message: '{raw} and {orm}'\n"
        "sides:\n  orm: { ref: sqlalchemy-session }\n  raw: { ref: psycopg2-connection }\n"
        "fix:\n  safety: safe\n  message: m\n  kinds: [share-connection]\n  connection: '{orm}.connection('\n"
        "docs: {what: w, why: y, example: e, use-instead: u, fix-safety: s}\n"
    )
    after, err = fix(tmp_path, MIX.encode(), "--extend-rules", "rules", "--select", "ACME1")
    assert after == MIX.encode()
    assert "app.py:7:9: ACME1 fix dropped: its result would not compile (SyntaxError at 7:22: '(' was never closed)" in err


def test_overlapping_fixes_are_applied_over_rounds_without_duplicating_an_import(tmp_path: Path) -> None:
    source = (
        "import psycopg\nfrom sqlalchemy.orm import Session\n\n\n"
        "def a(db: Session):\n    db.add(1)\n    c = psycopg.connect('')\n    c.execute('SELECT 1')\n\n\n"
        "def b(db: Session):\n    db.add(2)\n    c = psycopg.connect('')\n    c.execute('SELECT 2')\n"
    )
    after, err = fix(tmp_path, source.encode())
    text = after.decode()
    assert text.count("from sqlalchemy import text\n") == 1
    assert "    db.execute(text('SELECT 1'))\n" in text and "    db.execute(text('SELECT 2'))\n" in text
    assert "Fixed 2 findings." in err


def test_removing_a_directive_keeps_the_text_after_it_a_comment(tmp_path: Path) -> None:
    """``# txmix: ignore[X] temporary`` alone on a line must not leave the statement ``temporary``."""
    body = "import os\n# txmix: ignore[TXM001] temporary\nos.remove('/important')\n"
    after, err = fix(tmp_path, body.encode())
    assert after.decode() == "import os\n# temporary\nos.remove('/important')\n"
    assert "Fixed 1 finding." in err


def test_removing_a_directive_after_code_keeps_the_comment_after_it(tmp_path: Path) -> None:
    body = "x = 1  # keep # txmix: ignore[TXM001] -- why\ny = 2  # txmix: ignore[TXM001] note\n"
    after, _ = fix(tmp_path, body.encode())
    assert after.decode() == "x = 1  # keep\ny = 2  # note\n"


def test_a_file_that_does_not_compile_is_not_fixed_and_says_why(tmp_path: Path) -> None:
    """No way to tell a new error from the old one: such a file is left exactly as it was."""
    body = "x = (1,\n# txmix: ignore[TXM001]\ny = 2\n"
    after, err = fix(tmp_path, body.encode())
    assert after == body.encode()
    assert "app.py: not fixed: it does not compile (SyntaxError at 1:5: '(' was never closed); fix that first" in err
