"""One line model: rows end at "\\n" only, as tree-sitter counts them, everywhere.

``str.splitlines`` also splits on form feeds, vertical tabs, the file/group/record separators,
NEL and the Unicode line/paragraph separators; CPython and tree-sitter do not. A file holding
one of them above a finding must still have its suppressions removed, its ``full`` output
quoted, its baseline fingerprinted, its fixes placed and its ``--add-noqa`` comment added on
the right line. Each separator is tried in each of those places.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix

SEPARATORS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
IDS = ["FF", "VT", "FS", "GS", "RS", "NEL", "LS", "PS"]
CONNECT = '    conn = psycopg2.connect("dbname=shop")'


def with_separator(separator: str, body: str = MIX) -> str:
    """``body`` under a comment holding ``separator``: every row below shifts under splitlines."""
    return f"# note{separator}more{separator}and more\n" + body


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "app.py"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("separator", SEPARATORS, ids=IDS)
def test_removing_a_stale_suppression_removes_only_the_directive(tmp_path: Path, separator: str) -> None:
    """One directive alone on its line, one after the ``def`` (the row above it is blank, which
    is what ``splitlines`` would read there, deleting the ``def`` as a comment-only line)."""
    clean = f"# note{separator}more\n" + MIX
    stale = clean.replace("    db.add(order)\n", "    # txmix: ignore[TXM003]\n    db.add(order)\n")
    stale = stale.replace("order):\n", "order):  # txmix: ignore[TXM002]\n")
    path = write(tmp_path, stale)
    code, out, err = run_txmix(["check", "--isolated", "--fix", "app.py"], tmp_path)
    assert path.read_bytes().decode("utf-8") == clean, err
    assert "Fixed 2 findings." in err and "TXM001" in out


@pytest.mark.parametrize("separator", SEPARATORS, ids=IDS)
def test_full_output_quotes_the_finding_line(tmp_path: Path, separator: str) -> None:
    write(tmp_path, with_separator(separator))
    _, out, _ = run_txmix(["check", "--isolated", "--output-format", "full", "app.py"], tmp_path)
    assert out.startswith("app.py:8:12: TXM001")
    assert f"8 | {CONNECT}\n" in out
    assert "7 |     db.add(order)\n" in out


@pytest.mark.parametrize("separator", SEPARATORS, ids=IDS)
def test_baseline_fingerprint_hashes_the_finding_line(tmp_path: Path, separator: str) -> None:
    """The same code under a plain comment and under one holding the separator: one fingerprint."""
    prints = []
    for text in (with_separator("x"), with_separator(separator)):
        write(tmp_path, text)
        run_txmix(["check", "--isolated", "--baseline", "b.json", "--write-baseline", "app.py"], tmp_path)
        prints.append(json.loads((tmp_path / "b.json").read_text())["findings"][0]["fingerprint"])
    assert prints[0] == prints[1]


@pytest.mark.parametrize("separator", SEPARATORS, ids=IDS)
def test_unsafe_fix_edits_the_right_lines(tmp_path: Path, separator: str) -> None:
    path = write(tmp_path, with_separator(separator))
    run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", "app.py"], tmp_path)
    expected = with_separator(separator).replace(
        f"{CONNECT}\n    conn.commit()\n", "    db.flush()\n    conn = db.connection().connection\n"
    ).replace("import psycopg2\n", "")  # its only use is gone, and so is the import
    assert path.read_bytes().decode("utf-8") == expected


@pytest.mark.parametrize("separator", SEPARATORS, ids=IDS)
def test_add_noqa_comments_the_finding_line(tmp_path: Path, separator: str) -> None:
    path = write(tmp_path, with_separator(separator))
    code, _, err = run_txmix(["check", "--isolated", "--add-noqa", "app.py"], tmp_path)
    assert code == 0, err
    expected = with_separator(separator).replace(f"{CONNECT}\n", f"{CONNECT}  # txmix: ignore[TXM001]\n")
    assert path.read_bytes().decode("utf-8") == expected


def test_cr_only_file_is_fixed_line_by_line_and_keeps_its_line_endings(tmp_path: Path) -> None:
    """Old Mac line endings: CPython reads them as lines, so txmix does too, and writes CRs back."""
    stale = MIX.replace("    db.add(order)\n", "    # txmix: ignore[TXM003]\n    db.add(order)\n")
    path = write(tmp_path, stale.replace("\n", "\r"))
    code, out, err = run_txmix(["check", "--isolated", "--fix", "app.py"], tmp_path)
    assert path.read_bytes() == MIX.replace("\n", "\r").encode()
    assert "app.py:7:12: TXM001" in out and "Fixed 1 finding." in err
    run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", "app.py"], tmp_path)
    fixed = MIX.replace(f"{CONNECT}\n    conn.commit()\n", "    db.flush()\n    conn = db.connection().connection\n")
    fixed = fixed.replace("import psycopg2\n", "")
    assert path.read_bytes() == fixed.replace("\n", "\r").encode()


def test_a_file_mixing_lone_cr_and_lf_is_reported_but_not_rewritten(tmp_path: Path) -> None:
    stale = MIX.replace("    db.add(order)\n", "    # txmix: ignore[TXM003]\r    db.add(order)\n")
    path = write(tmp_path, stale)
    code, out, err = run_txmix(["check", "--isolated", "--fix", "app.py"], tmp_path)
    assert path.read_bytes() == stale.encode()
    assert "app.py:6:5: TXM100" in out and "app.py:8:12: TXM001" in out
    assert "app.py: not fixed: it mixes lone CR and LF line endings" in err
