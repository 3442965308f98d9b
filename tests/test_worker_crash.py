"""A worker process that dies (a segfault or abort in a C library) costs one file, not the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import MIX

# A real crash in a real worker: the txmix command runs with the per-file step wrapped so the
# file named ``crash_here.py`` kills the process that analyses it, as a C extension bug would.
CRASHING_TXMIX = """\
import ctypes, os, sys
import txmix_hook.runner as runner

original = runner.check_candidate

def check_candidate(checker, candidate):
    if candidate.path.name == "crash_here.py":
        {crash}
    return original(checker, candidate)

runner.check_candidate = check_candidate
from txmix_hook.cli import main
main()
"""


def txmix(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script, "check", "--isolated", "--no-cache", *args, "."]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize(("crash", "signal_name"), [("ctypes.string_at(0)", "SIGSEGV"), ("os.abort()", "SIGABRT")])
def test_a_crashing_worker_costs_only_its_file(tmp_path: Path, crash: str, signal_name: str) -> None:
    for i in range(40):
        (tmp_path / f"m{i:02}.py").write_text(MIX if i % 5 == 0 else f"VALUE = {i}\n")
    (tmp_path / "crash_here.py").write_text(MIX)
    script = CRASHING_TXMIX.format(crash=crash)
    crashed = txmix(tmp_path, script, "--jobs", "2")
    assert crashed.returncode == 2, crashed.stderr
    assert f"crash_here.py:1:1: the analysis crashed (killed by {signal_name}); file skipped" in crashed.stderr
    assert "Traceback" not in crashed.stderr
    (tmp_path / "crash_here.py").unlink()
    healthy = txmix(tmp_path, "from txmix_hook.cli import main; main()", "--jobs", "1")
    assert crashed.stdout == healthy.stdout  # every other file was still checked
    assert crashed.stdout.count(": TXM001 ") == 8
    assert "41 files checked" in crashed.stderr
