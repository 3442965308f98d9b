"""Running the real ``txmix`` in a child process, so a crash or a hang fails one test, not the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MIX = """\
import psycopg2
from sqlalchemy.orm import Session


def create_order(db: Session, order):
    db.add(order)
    conn = psycopg2.connect("dbname=shop")
    conn.commit()
"""
MIX_FINDING = "good.py:7:12: TXM001"  # what ``MIX`` saved as good.py reports
BUILTIN_RULE = Path(__file__).resolve().parents[2] / "rules" / "TXM001-orm-and-psycopg2.yaml"


def txmix(args: list[str], cwd: Path, timeout: float = 60, stdin: str | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``txmix ARGS`` run in ``cwd`` (a hang fails after ``timeout``)."""
    done = subprocess.run(
        [sys.executable, "-m", "txmix_hook", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, input=stdin
    )
    return done.returncode, done.stdout, done.stderr


def assert_no_crash(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    assert "Warning" not in stderr, stderr  # no FutureWarning/DeprecationWarning leaking through


def project_with_mix(tmp_path: Path) -> Path:
    """A project folder holding one file that mixes: a run must still report it."""
    (tmp_path / "good.py").write_text(MIX)
    return tmp_path


def one_error_line(stderr: str, *parts: str) -> str:
    """The single ``txmix: error:`` line, checked to contain every one of ``parts``."""
    lines = [line for line in stderr.splitlines() if line.startswith("txmix: error:")]
    assert len(lines) == 1, stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]
