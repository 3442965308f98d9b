"""Importing the guard (or its pytest plugin) costs the program nothing it did not import itself."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = (
    "tree_sitter", "tree_sitter_python", "click", "yaml", "txmix_hook.engine", "txmix_hook.rules", "txmix_hook.summary",
    "txmix_hook.project", "txmix_hook.match", "txmix_hook.analysis", "sqlalchemy", "psycopg2", "psycopg", "asyncpg",
)


def test_importing_the_runtime_imports_no_parser_cli_yaml_engine_or_driver() -> None:
    code = (
        "import sys\n"
        "import txmix_hook.runtime, txmix_hook.runtime.pytest_plugin\n"
        f"print([m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_forbidden_list_would_catch_the_engine() -> None:
    """The check above can fail: importing the rule engine does show up."""
    code = "import sys\nimport txmix_hook.analysis\nprint('tree_sitter' in sys.modules, 'txmix_hook.engine' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True True"
