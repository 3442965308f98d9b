"""The hook as users meet it: real git, real pre-commit, a blocked (or allowed) commit.

The hook repository is a snapshot of this working tree committed into a temporary git repo,
so the tests exercise the code as it is now. pre-commit builds the hook's environment once per
session (it needs the package index, as in CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import MIX

PROJECT = Path(__file__).resolve().parents[1]
PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")
CLEAN = "from sqlalchemy.orm import Session\n\n\ndef save(db: Session, order):\n    db.add(order)\n    db.commit()\n"


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("hook-repo")
    listed = git(PROJECT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "snapshot")
    return target, git(target, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture()
def work(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    repo = tmp_path / "work"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Dev")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def configure(repo: Path, hook_repo: tuple[Path, str], hook: str = "txmix", args: list[str] | None = None) -> None:
    path, rev = hook_repo
    extra = f"\n        args: {args}" if args else ""
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: {hook}{extra}\n"
    )
    git(repo, "add", ".pre-commit-config.yaml")
    installed = subprocess.run([PRE_COMMIT, "install"], cwd=repo, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr


def commit(repo: Path, name: str, body: str) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(body)
    git(repo, "add", name)
    return git(repo, "commit", "-m", f"add {name}", check=False)


def test_a_staged_mix_blocks_the_commit(work: Path, hook_repo: tuple[Path, str]) -> None:
    configure(work, hook_repo)
    done = commit(work, "orders.py", MIX)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "orders.py:7:12: TXM001 psycopg2 connection `conn` runs in its own transaction" in output
    assert git(work, "rev-list", "--all", "--count", check=False).stdout.strip() in ("", "0")


def test_a_clean_file_commits(work: Path, hook_repo: tuple[Path, str]) -> None:
    configure(work, hook_repo)
    done = commit(work, "orders.py", CLEAN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "txmix" in done.stdout + done.stderr and "Passed" in done.stdout + done.stderr


def test_a_suppressed_mix_commits(work: Path, hook_repo: tuple[Path, str]) -> None:
    configure(work, hook_repo)
    body = MIX.replace('conn = psycopg2.connect("dbname=shop")', 'conn = psycopg2.connect("dbname=shop")  # txmix: ignore[TXM001] -- nightly report')
    done = commit(work, "orders.py", body)
    assert done.returncode == 0, done.stdout + done.stderr


def test_configured_exclude_applies_to_files_pre_commit_names(work: Path, hook_repo: tuple[Path, str]) -> None:
    (work / "pyproject.toml").write_text('[tool.txmix]\nextend-exclude = ["legacy"]\n')
    git(work, "add", "pyproject.toml")
    configure(work, hook_repo)
    (work / "legacy").mkdir()
    done = commit(work, "legacy/old.py", MIX)
    assert done.returncode == 0, done.stdout + done.stderr


def test_fix_hook_rewrites_fails_once_then_passes(work: Path, hook_repo: tuple[Path, str]) -> None:
    configure(work, hook_repo, hook="txmix-fix", args=["--unsafe-fixes"])
    first = commit(work, "orders.py", MIX)
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    rewritten = (work / "orders.py").read_text()
    assert "    db.flush()\n    conn = db.connection().connection\n" in rewritten and "conn.commit()" not in rewritten
    git(work, "add", "orders.py")
    second = git(work, "commit", "-m", "fixed", check=False)
    assert second.returncode == 0, second.stdout + second.stderr


def test_try_repo_runs_the_hook_on_named_files(work: Path, hook_repo: tuple[Path, str]) -> None:
    (work / "orders.py").write_text(MIX)
    git(work, "add", "orders.py")
    done = subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo[0]), "txmix", "--files", "orders.py"], cwd=work, capture_output=True, text=True, check=False, env={**os.environ})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "orders.py:7:12: TXM001" in done.stdout
