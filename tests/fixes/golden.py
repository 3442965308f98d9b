"""Run the real ``txmix check --fix`` on a file and pin the result, its idempotence and that it compiles."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cli_helpers import run_txmix


def fixed(tmp_path: Path, before: str, *extra: str, name: str = "app.py") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(before))
    code, _, err = run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", *extra, name], tmp_path)
    assert code in (0, 1), err
    after = path.read_text()
    compile(after, name, "exec", dont_inherit=True)
    again = run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", *extra, name], tmp_path)
    assert path.read_text() == after, "a second --fix must change nothing"
    assert "Fixed" not in again[2]
    return after


def expect(text: str) -> str:
    return textwrap.dedent(text)
