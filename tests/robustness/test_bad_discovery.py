"""Discovery never blocks or stops a run: FIFOs, unreadable files and folders, odd file names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.helpers import MIX, MIX_FINDING, assert_no_crash, project_with_mix, txmix

AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []


@pytest.fixture()
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user may enter (pytest's own tmp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="txmix-robust-"))
    folder.chmod(0o755)
    yield folder
    for path, dirs, _ in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(path, name), 0o755)
    shutil.rmtree(folder)


def txmix_unprivileged(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run as a user that file permissions apply to (root reads everything)."""
    if AS_NOBODY and (shutil.which("setpriv") is None or not _nobody_can_run_python(cwd)):
        pytest.skip("running as root, and no unprivileged user can run this interpreter: permissions cannot be tested")
    done = subprocess.run(
        [*AS_NOBODY, sys.executable, "-m", "txmix_hook", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    return done.returncode, done.stdout, done.stderr


def _nobody_can_run_python(cwd: Path) -> bool:
    """A checkout under a private folder (/root) is out of an unprivileged user's reach."""
    probe = subprocess.run([*AS_NOBODY, sys.executable, "-c", "import txmix_hook"], cwd=cwd, capture_output=True, check=False)
    return probe.returncode == 0


def test_a_fifo_found_while_walking_is_a_warning_and_never_opened(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    os.mkfifo(root / "pipe.py")
    code, out, err = txmix(["check", "--isolated", "."], root, timeout=60)
    assert code == 1 and MIX_FINDING in out
    assert "pipe.py:1:1: warning: a FIFO (named pipe), not a regular file; skipped" in err
    assert_no_crash(err)


def test_a_fifo_named_on_the_command_line_is_a_warning(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    os.mkfifo(root / "pipe.py")
    code, out, err = txmix(["check", "--isolated", "pipe.py", "good.py"], root, timeout=60)
    assert code == 1 and MIX_FINDING in out
    assert "pipe.py:1:1: warning: a FIFO (named pipe), not a regular file; skipped" in err
    assert_no_crash(err)


def test_a_fifo_swapped_in_after_discovery_does_not_block(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "swap.py").write_text(MIX)
    script = """
import os, sys
from pathlib import Path
from txmix_hook.discovery import discover
from txmix_hook.runner import Checker, check_candidate
from txmix_hook.settings import CommandLine, build_settings
settings = build_settings(CommandLine(isolated=True))
candidates = list(discover([Path(".")], settings.file_filter))
os.remove("swap.py"); os.mkfifo("swap.py")
checker = Checker(settings)
for candidate in candidates:
    report = check_candidate(checker, candidate)
    print(report.error or f"summarised {len(report.record.summary.sides)} side candidates")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("summarised ") and lines[0] != "summarised 0 side candidates"
    assert lines[1:] == ["swap.py:1:1: cannot read file: a FIFO (named pipe), not a regular file"]


def test_a_non_utf8_file_name_in_a_walked_git_folder_does_not_abort(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    odd = os.fsdecode(b"caf\xe9.py")
    (root / odd).write_text(MIX)
    (root / ".gitignore").write_text("ignored*.py\n")
    (root / os.fsdecode(b"ignored\xff.py")).write_text(MIX)
    code, out, err = txmix(["check", "--isolated", "."], root)
    assert code == 1
    assert MIX_FINDING in out and "caf\\xe9.py:7:12: TXM001" in out
    assert "ignored" not in out  # git still decides, given the name as bytes
    assert_no_crash(err)


def test_an_unreadable_file_named_on_the_command_line_is_one_error_line(shared_dir: Path) -> None:
    root = project_with_mix(shared_dir)
    (root / "secret.py").write_text(MIX)
    (root / "secret.py").chmod(0)
    code, out, err = txmix_unprivileged(["check", "--isolated", "secret.py", "good.py"], root)
    assert code == 2 and MIX_FINDING in out
    assert "secret.py:1:1: cannot read file: Permission denied" in err
    assert "Usage:" not in err
    assert_no_crash(err)


def test_an_unreadable_folder_is_an_error_line_and_the_rest_is_checked(shared_dir: Path) -> None:
    root = project_with_mix(shared_dir)
    (root / "locked").mkdir()
    (root / "locked" / "inside.py").write_text(MIX)
    (root / "locked").chmod(0)
    code, out, err = txmix_unprivileged(["check", "--isolated", "."], root)
    assert code == 2 and MIX_FINDING in out
    assert "locked/: cannot read folder: Permission denied; its files are not checked" in err
    assert_no_crash(err)


def test_a_symlink_loop_named_on_the_command_line_is_one_error_line(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "loop.py").symlink_to("loop.py")
    code, out, err = txmix(["check", "--isolated", "loop.py", "good.py"], root)
    assert code == 2 and MIX_FINDING in out
    assert "loop.py:1:1: cannot read file: Too many levels of symbolic links" in err
    assert_no_crash(err)


def test_a_utf16_coding_cookie_on_an_ascii_file_is_refused_like_cpython(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "cookie.py").write_text("# coding: utf-16\n" + MIX)
    code, out, err = txmix(["check", "--isolated", "."], root)
    assert code == 2 and MIX_FINDING in out
    assert "cookie.py:1:1: encoding problem: utf-16" in err
    assert_no_crash(err)
