"""Run the real ``txmix check --fix`` on a file and pin the result, its idempotence and that it compiles."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
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
    assert_passes_other_hooks(textwrap.dedent(before), after)
    return after


def ruff_findings(source: str, limit: int) -> Counter[str]:
    """ruff's F401 (unused import), I001 (unsorted imports) and E501 (long line) codes for ``source``."""
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", "F401,I001,E501"]
    command += ["--line-length", str(limit), "--output-format", "json", "--stdin-filename", "app.py", "-"]
    done = subprocess.run(command, input=source, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return Counter(finding["code"] for finding in json.loads(done.stdout))


def assert_passes_other_hooks(before: str, after: str) -> None:
    """The fix adds no ruff finding: findings the input already had do not count against it.

    The line limit is the file's longest line or 88, whichever is larger, as the fixes promise.
    """
    limit = max([88, *(len(line) for line in before.splitlines())])
    added = ruff_findings(after, limit) - ruff_findings(before, limit)
    assert not added, f"the fix added ruff findings {dict(added)} (line limit {limit}):\n{after}"


def expect(text: str) -> str:
    return textwrap.dedent(text)
