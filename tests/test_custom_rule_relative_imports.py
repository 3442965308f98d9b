"""A YAML ``call:`` value is found however the file imports it, relative imports included."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_txmix

RULE = """\
id: ACME001
name: orm-and-raw-conn
severity: error
scope: function
report-at: raw
message: "{raw_label} `{raw}` and {orm_label} `{orm}` in `{scope_name}`"
sides:
  orm: { ref: sqlalchemy-session }
  raw:
    label: raw connection from raw_conn()
    values: [{ call: app.db.raw_conn }]
    queries: ["(call) @value", "(call function: (attribute object: (_) @value)) @match"]
docs: { what: x, why: y, example: "x = 1\n", use-instead: "x = 2\n" }
"""

ORDERS = """\
from sqlalchemy.orm import Session

from {module} import raw_conn


def settle(db: Session):
    db.add(object())
    raw_conn().cursor().execute("UPDATE ledger SET settled = true")
"""


def project(tmp_path: Path, module: str) -> Path:
    for folder in ("app", "app/api", "txmix-rules"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "api" / "__init__.py").write_text("")
    (tmp_path / "app" / "db.py").write_text("def raw_conn(): ...\n")
    (tmp_path / "app" / "api" / "orders.py").write_text(ORDERS.format(module=module))
    (tmp_path / "txmix-rules" / "acme.yaml").write_text(RULE)
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    return tmp_path


def test_call_value_matches_under_a_relative_import_that_never_names_the_package(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "app"], project(tmp_path, "..db"))
    assert code == 1 and out.startswith("app/api/orders.py:8:5: ACME001"), out


def test_call_value_matches_under_the_absolute_import(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "app"], project(tmp_path, "app.db"))
    assert code == 1 and out.startswith("app/api/orders.py:8:5: ACME001"), out


def test_a_relative_import_of_another_module_is_not_a_match(tmp_path: Path) -> None:
    root = project(tmp_path, "..other")
    (root / "app" / "other.py").write_text("def raw_conn(): ...\n")
    code, out, _ = run_txmix(["check", "app"], root)
    assert code == 0 and out == ""
