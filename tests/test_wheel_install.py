"""The built wheel carries the built-in rules: install it into a fresh venv and run a check."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_wheel_installs_into_a_fresh_venv_and_finds_the_example_mix(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(PROJECT)], check=True, capture_output=True)
    (wheel,) = dist.glob("txmix-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    subprocess.run([str(env / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    listing = subprocess.run([str(env / "bin" / "txmix"), "rule", "list"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert listing.returncode == 0 and "built-in" in listing.stdout and "TXM001" in listing.stdout
    done = subprocess.run(
        [str(env / "bin" / "txmix"), "check", "--no-cache", str(PROJECT / "examples")],  # no cache written into the checkout
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "orders_bad.py:19:12: TXM001" in done.stdout
    assert "orders_good.py" not in done.stdout
    packaged = subprocess.run(
        [str(env / "bin" / "python"), "-c", "from txmix_hook.rules.loader import builtin_rules_dir as d; print(d())"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )
    assert "site-packages/txmix_hook/builtin_rules" in packaged.stdout
