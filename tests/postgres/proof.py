"""Load a case module as written (the bad code) and as ``txmix check --fix --unsafe-fixes`` leaves it.

Both versions are real modules imported from files: the proofs execute exactly the code a
user would have before and after txmix's fix.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from cli_helpers import run_txmix
from postgres.shop import committed_state, reset

CASES = Path(__file__).resolve().parent / "cases"


@dataclass
class Proof:
    bad: ModuleType
    fixed: ModuleType
    fixed_source: str


def prepare(case: str, rule: str, tmp_path: Path, config: str = "") -> Proof:
    modules = {}
    for version in ("bad", "fixed"):
        folder = tmp_path / version
        folder.mkdir()
        shutil.copy(CASES / f"{case}.py", folder / f"{case}.py")
        shutil.copy(CASES / "shop_helpers.py", folder / "shop_helpers.py")
        if config:
            (folder / "pyproject.toml").write_text(config)
        isolation = [] if config else ["--isolated"]
        code, out, err = run_txmix(["check", *isolation, "--select", rule, f"{case}.py"], folder)
        assert code == 1 and f" {rule} " in out, f"txmix must flag the case before the fix:\n{out}{err}"
        if version == "fixed":
            run_txmix(["check", *isolation, "--fix", "--unsafe-fixes", "--select", rule, f"{case}.py"], folder)
            code, out, err = run_txmix(["check", *isolation, "--select", rule, f"{case}.py"], folder)
            assert code == 0, f"the fix must remove the finding:\n{out}{err}"
        modules[version] = _load(folder / f"{case}.py", f"txmix_proof_{case}_{version}_{id(tmp_path)}")
    return Proof(modules["bad"], modules["fixed"], (tmp_path / "fixed" / f"{case}.py").read_text())


def rolled_back_state(dsn: str, run_bad: Callable[[], object], run_fixed: Callable[[], object]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Committed (orders, stock) after the bad code's request rolled back, then after the fixed code's.

    Each ``run_*`` does one request that ends in the session's rollback; the shop is reset
    between them, so both start from 0 orders and 10 in stock.
    """
    run_bad()
    before = committed_state(dsn)
    reset(dsn)
    run_fixed()
    return before, committed_state(dsn)


def _load(path: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(path.parent))
    try:
        sys.modules.pop("shop_helpers", None)
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))
