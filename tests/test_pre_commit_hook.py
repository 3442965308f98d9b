"""The hook as users meet it: real git, real pre-commit, a blocked (or allowed) commit.

The hook repository is a snapshot of this working tree committed into a temporary git repo,
so the tests exercise the code as it is now. The configuration is the README's own snippet,
with only its placeholder URL replaced (and ``rev:`` pinned to the snapshot, as ``pre-commit
autoupdate`` would), so the documentation and the hook cannot drift apart. pre-commit builds the hook's environment once per
session (it needs the package index, as in CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import MIX
from readme import fenced_blocks
from snapshot import git, snapshot_repo

PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")
CLEAN = "from sqlalchemy.orm import Session\n\n\ndef save(db: Session, order):\n    db.add(order)\n    db.commit()\n"


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("hook-repo")
    return target, snapshot_repo(target)


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


URL_PLACEHOLDER = "<txmix-repository-url>"


def readme_config(hook_path: Path) -> str:
    """The README's pre-commit snippet, with the repository URL it asks users to fill in."""
    remote = fenced_blocks("Use with pre-commit", "yaml")[0]
    assert URL_PLACEHOLDER in remote and "rev: main" in remote
    return remote.replace(URL_PLACEHOLDER, str(hook_path))


def install_hooks(repo: Path) -> None:
    git(repo, "add", ".pre-commit-config.yaml")
    installed = subprocess.run([PRE_COMMIT, "install"], cwd=repo, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr


def configure(repo: Path, hook_repo: tuple[Path, str], hook: str = "txmix") -> None:
    """The README snippet, ``rev:`` pinned to the commit under test; ``txmix-fix`` as its comment says."""
    path, rev = hook_repo
    config = readme_config(path).replace("rev: main", f"rev: {rev}")
    if hook == "txmix-fix":
        lines = [line for line in config.splitlines() if "- id: txmix " not in line]
        config = "\n".join(line.replace("# - id: txmix-fix", "- id: txmix-fix").replace("#   args:", "  args:") for line in lines) + "\n"
        assert "- id: txmix-fix" in config and "args: [--unsafe-fixes]" in config
    (repo / ".pre-commit-config.yaml").write_text(config)
    install_hooks(repo)


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
    configure(work, hook_repo, hook="txmix-fix")
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


def test_readme_snippet_then_autoupdate_pins_the_commit_and_blocks_a_mix(work: Path, hook_repo: tuple[Path, str]) -> None:
    (work / ".pre-commit-config.yaml").write_text(readme_config(hook_repo[0]))
    updated = subprocess.run([PRE_COMMIT, "autoupdate"], cwd=work, capture_output=True, text=True, check=False)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert f"rev: {hook_repo[1]}" in (work / ".pre-commit-config.yaml").read_text()
    install_hooks(work)
    done = commit(work, "orders.py", MIX)
    assert done.returncode != 0 and "orders.py:7:12: TXM001" in done.stdout + done.stderr, done.stdout + done.stderr


def test_readme_snippet_as_pasted_with_rev_main_works(work: Path, hook_repo: tuple[Path, str]) -> None:
    (work / ".pre-commit-config.yaml").write_text(readme_config(hook_repo[0]))
    install_hooks(work)
    done = commit(work, "orders.py", CLEAN)
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_local_hook_works_as_pasted_with_txmix_on_path(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = fenced_blocks("Use with pre-commit", "yaml")[1]
    assert "repo: local" in local
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    (work / ".pre-commit-config.yaml").write_text(local)
    install_hooks(work)
    blocked = commit(work, "orders.py", MIX)
    assert blocked.returncode != 0 and "orders.py:7:12: TXM001" in blocked.stdout + blocked.stderr, blocked.stdout + blocked.stderr
    (work / "orders.py").write_text(CLEAN)
    git(work, "add", "orders.py")
    assert git(work, "commit", "-m", "clean", check=False).returncode == 0


HELPER = "import psycopg2\n\n\ndef fetch_totals(order_id):\n    conn = psycopg2.connect('dbname=shop')\n    return conn.cursor().execute('SELECT 1')\n"
HANDLER = (
    "from sqlalchemy.orm import Session\n\nfrom app.reports import fetch_totals\n\n\n"
    "def create_order(db: Session, order_id):\n    db.add(object())\n    return fetch_totals(order_id)\n"
)


def test_a_changed_handler_calling_an_unchanged_helper_blocks_the_commit(work: Path, hook_repo: tuple[Path, str]) -> None:
    """pre-commit names only the staged handler; the helper it calls is read from the project."""
    configure(work, hook_repo)
    (work / "app").mkdir()
    assert commit(work, "app/__init__.py", "").returncode == 0
    assert commit(work, "app/reports.py", HELPER).returncode == 0  # raw work alone: no finding
    done = commit(work, "app/orders.py", HANDLER)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "app/orders.py:8:12: TXM001" in output and "in `fetch_totals` (app/reports.py:5)" in output
