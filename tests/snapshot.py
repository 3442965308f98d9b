"""A snapshot of this working tree committed into a temporary git repository.

What users clone or point pre-commit at is a repository; the tests build one from the files
as they are now (tracked and new, minus ignored ones), so they exercise the code under test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def snapshot_repo(target: Path) -> str:
    """Copy the working tree into ``target``, commit it on ``main``; return the commit sha."""
    listed = git(PROJECT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "snapshot")
    return git(target, "rev-parse", "HEAD").stdout.strip()
