"""``txmix --version``, ``rule list`` and a small check import only what they need.

Each command runs in a fresh interpreter and reports the modules it imported; timing belongs
in benchmarks/, what is imported is what decides it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cli_helpers import MIX
from txmix_hook import __version__

PROJECT = Path(__file__).resolve().parents[1]

RUN_AND_LIST_MODULES = """\
import atexit, json, sys
atexit.register(lambda: sys.__stderr__.write("MODULES=" + json.dumps(sorted(sys.modules)) + "\\n"))
sys.argv = ["txmix", *sys.argv[1:]]
from txmix_hook.entry import main
main()
"""

FIX_AND_REPORT = ("txmix_hook.fixing", "txmix_hook.fixes.apply", "txmix_hook.add_noqa", "txmix_hook.ruletest")
RENDERERS = ("full", "json_format", "json_lines", "sarif", "github", "gitlab", "junit", "terminal")


def imported(cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, *args], cwd=cwd, capture_output=True, text=True, check=False)
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES="))
    return done, set(json.loads(line.removeprefix("MODULES=")))


def test_the_version_is_a_literal_equal_to_pyproject() -> None:
    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == declared


def test_version_imports_neither_tree_sitter_nor_click_nor_fixes_nor_reports(tmp_path: Path) -> None:
    done, modules = imported(tmp_path, "--version")
    assert done.stdout == f"txmix {__version__}\n"
    unwanted = {"tree_sitter", "click", "yaml", "importlib.metadata", "txmix_hook.cli", "txmix_hook.report", *FIX_AND_REPORT}
    assert not unwanted & modules


def test_version_with_other_options_still_answers_through_click(tmp_path: Path) -> None:
    done, _ = imported(tmp_path, "--version", "--help")
    assert done.stdout == f"txmix {__version__}\n"


def forbidden(modules: set[str], *also: str, allowed: tuple[str, ...] = ()) -> set[str]:
    renderers = {f"txmix_hook.report.{name}" for name in RENDERERS if name not in allowed}
    return modules & ({*FIX_AND_REPORT, *renderers, "importlib.metadata", *also})


def test_rule_list_imports_no_fix_report_or_rule_test_machinery(tmp_path: Path) -> None:
    first, modules = imported(tmp_path, "rule", "list")
    assert first.returncode == 0 and "TXM001" in first.stdout
    assert not forbidden(modules, "txmix_hook.analysis", "txmix_hook.summary.build")
    again, modules = imported(tmp_path, "rule", "list")
    assert again.stdout == first.stdout
    assert not forbidden(modules, "yaml", "tree_sitter", "txmix_hook.rules.loader"), "the rule book comes from the cache"


@pytest.mark.parametrize("body", ["VALUE = 1\n", MIX])
def test_a_check_of_a_few_files_imports_no_fix_report_or_rule_test_machinery(tmp_path: Path, body: str) -> None:
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(body)
    imported(tmp_path, "check", "a.py", "b.py", "c.py")
    done, modules = imported(tmp_path, "check", "a.py", "b.py", "c.py")
    assert done.returncode == (1 if body == MIX else 0)
    # terminal decides on colour (and imports sarif's rule descriptors); no other renderer
    assert not forbidden(modules, "yaml", "txmix_hook.rules.loader", "multiprocessing", allowed=("terminal", "sarif"))
    if body != MIX:
        assert "txmix_hook.fixes.stage" not in modules, "a clean run builds no fixes"


def test_parallel_does_not_import_the_runner() -> None:
    script = "import sys, txmix_hook.parallel; print('txmix_hook.runner' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout == "False\n"


def test_a_warm_check_imports_neither_the_engine_nor_matching_nor_fixes(tmp_path: Path) -> None:
    """Nothing changed since the last check: the project's findings, fixes attached, come from
    one cache entry, so the analysis, phase 2 and the fix builders are never imported (the
    cold run that stored them needs them all)."""
    (tmp_path / "pyproject.toml").write_text("[tool.txmix]\n")
    (tmp_path / "orders.py").write_text(MIX)
    (tmp_path / "plain.py").write_text("VALUE = 1  # noqa\n")
    cold, cold_modules = imported(tmp_path, "check", "--output-format", "json", ".")
    warm, modules = imported(tmp_path, "check", "--output-format", "json", ".")
    assert warm.returncode == cold.returncode == 1 and warm.stdout == cold.stdout and '"edits"' in warm.stdout
    engine = {"txmix_hook.analysis", "txmix_hook.summary.build", "txmix_hook.fixes.stage", "txmix_hook.match.graph"}
    assert engine <= cold_modules
    assert not forbidden(modules, *engine, "txmix_hook.cli_rule", "txmix_hook.cli_cache", "yaml", "multiprocessing", allowed=("terminal", "sarif", "json_format"))
    # the stored comments need no parser, a run that writes nothing no temporary files, a
    # folder outside git no git, default excludes that match no name here no RE2
    assert not modules & {"tree_sitter", "tempfile", "shutil", "subprocess", "re2", "txmix_hook.parallel"}
    assert not {m for m in modules if m.startswith(("txmix_hook.match", "txmix_hook.fixes", "txmix_hook.project.values"))}
    isolated, modules = imported(tmp_path, "check", "--isolated", "--output-format", "json", ".")
    assert isolated.stdout == cold.stdout and "tomllib" not in modules, "no configuration is read"
