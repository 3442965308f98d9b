"""The README's "Install" commands, run as written in a fresh clone: they give a working ``txmix``."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from readme import fenced_blocks, section
from snapshot import snapshot_repo


@pytest.fixture()
def clone(tmp_path: Path) -> Path:
    target = tmp_path / "txmix"
    target.mkdir()
    snapshot_repo(target)
    return target


def run_lines(block: str, cwd: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    commands = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False) for command in commands]


def test_install_section_with_pipx_gives_a_txmix_command(clone: Path, tmp_path: Path) -> None:
    (block,) = fenced_blocks("Install", "bash")
    assert "pipx install ." in block
    bin_dir = tmp_path / "bin"
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(bin_dir), "PIPX_MAN_DIR": str(tmp_path / "man")}
    env["PATH"] = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), env["PATH"]])
    done = run_lines(block, clone, env)
    assert all(d.returncode == 0 for d in done), [(d.args, d.stdout, d.stderr) for d in done]
    assert done[-1].stdout.startswith("txmix ")
    assert (bin_dir / "txmix").exists()


def test_install_section_pip_variant_into_an_active_virtualenv(clone: Path, tmp_path: Path) -> None:
    command = "python3 -m pip install ."
    assert f"`{command}`" in section("Install")
    env_dir = tmp_path / "project-venv"
    venv.create(env_dir, with_pip=True)
    env = {**os.environ, "VIRTUAL_ENV": str(env_dir), "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    (installed,) = run_lines(command, clone, env)
    assert installed.returncode == 0, installed.stderr
    version = subprocess.run([str(env_dir / "bin" / "txmix"), "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.startswith("txmix ")
