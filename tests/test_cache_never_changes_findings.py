"""A cache and worker processes may make a run faster, never different.

Every run here is compared with a run that uses neither (``--no-cache --jobs 1``): cold and
warm cache, one and two jobs, and after each kind of change a cached result must not survive
(the file's bytes, the configuration, the rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.cache import CACHE_DIR_ENV

SUPPRESSED = MIX.replace('conn = psycopg2.connect("dbname=shop")', 'conn = psycopg2.connect("dbname=shop")  # txmix: ignore[TXM001]')
FACTORY_MIX = """\
import psycopg2
from app.db import get_session


def handler(order):
    db = get_session()
    db.add(order)
    conn = psycopg2.connect("dbname=shop")
    conn.commit()
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("TXMIX_JOBS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.txmix]\n")
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "orders.py").write_text(MIX)
    (package / "quiet.py").write_text(SUPPRESSED)
    (package / "stale.py").write_text("x = 1  # txmix: ignore[TXM001]\n")
    (package / "factory.py").write_text(FACTORY_MIX)
    (package / "broken_syntax.py").write_text(MIX + "def oops(:\n")
    (package / "latin.py").write_bytes(b"x = '\xe9'\n")
    for i in range(6):
        (package / f"plain{i}.py").write_text(f"VALUE = {i}\n")
    return tmp_path


def uncached(project: Path) -> tuple[int, str, str]:
    return run_txmix(["check", "--no-cache", "--jobs", "1", "."], project)


def test_cold_warm_one_and_two_jobs_report_the_same(project: Path) -> None:
    expected = uncached(project)
    code, out, err = expected
    assert code == 2 and out.count(": TXM001 ") == 2 and "TXM100" in out and "latin.py:1:6: cannot decode" in err
    runs = {
        "cold, 1 job": run_txmix(["check", "--jobs", "1", "."], project),
        "warm, 1 job": run_txmix(["check", "--jobs", "1", "."], project),
        "warm, 2 jobs": run_txmix(["check", "--jobs", "2", "."], project),
        "no cache, 2 jobs": run_txmix(["check", "--no-cache", "--jobs", "2", "."], project),
    }
    assert any((project / ".txmix_cache").rglob("*/*")), "the cached runs stored entries"
    for name, run in runs.items():
        assert run == expected, name
    for other in ("--output-format=json", "--statistics"):
        assert run_txmix(["check", other, "."], project) == run_txmix(["check", "--no-cache", other, "."], project)


def test_two_jobs_on_a_cold_cache_report_the_same(project: Path) -> None:
    expected = uncached(project)
    assert run_txmix(["check", "--jobs", "2", "."], project) == expected
    assert run_txmix(["check", "--jobs", "2", "."], project) == expected


def test_an_edited_file_is_analysed_again(project: Path) -> None:
    run_txmix(["check", "."], project)
    (project / "app" / "plain0.py").write_text(MIX.replace("create_order", "refund"))
    (project / "app" / "orders.py").write_text("VALUE = 0\n")
    code, out, _ = run_txmix(["check", "."], project)
    assert (code, out) == uncached(project)[:2]
    assert "plain0.py" in out and "orders.py" not in out


def test_configuration_that_changes_results_is_honoured(project: Path) -> None:
    run_txmix(["check", "."], project)
    settings = [
        '[tool.txmix]\nsession-factories = ["app.db.get_session"]\n',  # changes the rule book
        '[tool.txmix]\nselect = ["TXM002"]\n',  # changes the enabled rules
        '[tool.txmix]\nper-file-ignores = {"app/orders.py" = ["TXM001"]}\n',  # applied after the cache
    ]
    outputs = set()
    for text in settings:
        (project / "pyproject.toml").write_text(text)
        cached = run_txmix(["check", "."], project)
        assert cached == uncached(project), text
        outputs.add(cached[1])
    assert len(outputs) == len(settings)


def test_an_edited_rule_file_is_loaded_again(project: Path) -> None:
    rules = project / "my-rules"
    rules.mkdir()
    (project / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["my-rules"]\n')
    (rules / "sev.yaml").write_text("id: TXM001\noverride: true\nseverity: info\n")
    first = run_txmix(["rule", "list"], project)
    (rules / "sev.yaml").write_text("id: TXM001\noverride: true\nenabled: false\n")
    assert run_txmix(["check", "."], project) == uncached(project)
    assert "TXM001" not in run_txmix(["check", "."], project)[1]
    assert run_txmix(["rule", "list"], project) != first


HELPER_HANDLER = """\
from app.db import SessionLocal
from app.helpers import totals


def handler(order):
    db = SessionLocal()
    db.add(order)
    totals()
    db.commit()
"""
RAW_HELPER = """\
import psycopg2


def totals():
    conn = psycopg2.connect("dbname=shop")
    conn.cursor().execute("SELECT 1")
"""
DB_MODULE = """\
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker()
"""


def test_the_project_result_is_not_reused_after_a_change_in_a_module_not_named(project: Path) -> None:
    """Phase 2's result is cached for the whole project: editing a helper the named handler
    calls, or the configuration phase 2 reads, must give the new result, not the stored one."""
    app = project / "app"
    (app / "db.py").write_text(DB_MODULE)
    (app / "helpers.py").write_text(RAW_HELPER)
    (app / "handler.py").write_text(HELPER_HANDLER)
    named = ["check", "app/handler.py"]
    first, again = run_txmix(named, project), run_txmix(named, project)
    assert first == again and "app/handler.py:8:5: TXM001" in first[1]
    (app / "helpers.py").write_text(RAW_HELPER.replace('psycopg2.connect("dbname=shop")', "object()"))
    assert run_txmix(named, project)[0] == 0
    (app / "helpers.py").write_text(RAW_HELPER.replace('"dbname=shop"', "WAREHOUSE_DSN").replace("import psycopg2\n", "import psycopg2\nfrom app.settings import WAREHOUSE_DSN\n"))
    (app / "settings.py").write_text('WAREHOUSE_DSN = "dbname=warehouse"\n')
    assert "TXM001" in run_txmix(named, project)[1]
    (project / "pyproject.toml").write_text('[tool.txmix]\nother-databases = ["app.settings.WAREHOUSE_DSN"]\n')
    assert run_txmix(named, project)[0] == 0
    assert run_txmix(named, project) == run_txmix([*named, "--no-cache"], project)


def test_a_project_result_is_kept_per_set_of_named_files(project: Path) -> None:
    """The same summaries with other files named report in those files only."""
    app = project / "app"
    (app / "db.py").write_text(DB_MODULE)
    (app / "helpers.py").write_text(RAW_HELPER)
    (app / "handler.py").write_text(HELPER_HANDLER)
    whole = run_txmix(["check", "."], project)
    one = run_txmix(["check", "app/orders.py"], project)
    assert "app/handler.py" in whole[1] and "app/handler.py" not in one[1] and "app/orders.py" in one[1]
    assert run_txmix(["check", "."], project) == whole


def handler_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A handler calling a raw helper, in app/ (not yet a package); the status index remembers
    files written just now, so a test need not wait two seconds."""
    from txmix_hook import stat_index

    monkeypatch.setattr(stat_index, "RECENT_NS", 0)
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    (root / "pyproject.toml").write_text("[tool.txmix]\n")
    app = root / "app"
    app.mkdir()
    (app / "db.py").write_text(DB_MODULE)
    (app / "helpers.py").write_text(RAW_HELPER)
    (app / "handler.py").write_text(HELPER_HANDLER)
    return app


def test_an_added_package_init_renames_the_modules_below_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The status index may not hand back a summary made under the file's old module name:
    ``from app.db import SessionLocal`` only reaches db.py once app/ is a package."""
    app = handler_project(tmp_path, monkeypatch)
    assert "TXM001" not in run_txmix(["check", "."], tmp_path)[1]
    (app / "__init__.py").write_text("")
    found = run_txmix(["check", "."], tmp_path)
    assert "app/handler.py:8:5: TXM001" in found[1]
    assert found == run_txmix(["check", "--no-cache", "."], tmp_path)


@pytest.mark.parametrize("entry_lost", [False, True], ids=["summary-by-key", "file-read-again"])
def test_a_file_edited_during_a_run_never_leaves_a_wrong_project_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry_lost: bool) -> None:
    """A header from the status index stands for the bytes the file had when its status was
    taken; its summary is fetched later. If the file changed in between (an editor saves
    mid-run) the summary comes from the cache by that key, or, when the entry is gone and the
    file is read again, the run's project result is not stored under keys it does not match:
    undoing the edit must not bring back findings of the edited text."""
    from txmix_hook import runner

    app = handler_project(tmp_path, monkeypatch)
    (app / "__init__.py").write_text("")
    (app / "other.py").write_text("X = 1\n")
    named = ["check", "app/handler.py"]
    assert "TXM001" in run_txmix(named, tmp_path)[1]
    (app / "other.py").write_text("X = 2\n")  # the stored project result no longer applies
    fetch = runner.Checker._full_record

    def saved_mid_run(self: runner.Checker, candidate: object, key: bytes | None) -> object:
        if str(getattr(candidate, "path", "")).endswith("helpers.py"):
            (app / "helpers.py").write_text(RAW_HELPER.replace('psycopg2.connect("dbname=shop")', "object()"))
        return fetch(self, candidate, None if entry_lost else key)

    monkeypatch.setattr(runner.Checker, "_full_record", saved_mid_run)
    run_txmix(named, tmp_path)
    monkeypatch.setattr(runner.Checker, "_full_record", fetch)
    (app / "helpers.py").write_text(RAW_HELPER)  # the edit undone: the first run's bytes again
    assert run_txmix(named, tmp_path) == run_txmix([*named, "--no-cache"], tmp_path)


def test_a_file_edited_while_its_fixes_are_built_never_leaves_a_wrong_project_result(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The project result is stored with its fixes attached, and a fix is built from the file
    read again after matching. If that read finds other bytes than the summary's key names (an
    editor saved mid-run), the result is not stored: once the edit is undone, the fixes must be
    those of the file's real text, as without a cache."""
    from txmix_hook import runner

    named = ["check", "--output-format", "json", "."]
    run_txmix(named, project)
    (project / "app" / "plain0.py").write_text("VALUE = 10\n")  # the stored project result no longer applies
    orders = project / "app" / "orders.py"
    read = runner.Checker.source

    def saved_mid_run(self: runner.Checker, display: str) -> object:
        if display.endswith("orders.py") and orders.read_text() == MIX:
            orders.write_text(MIX.replace("    ", "\t"))
        return read(self, display)

    monkeypatch.setattr(runner.Checker, "source", saved_mid_run)
    run_txmix(named, project)
    monkeypatch.setattr(runner.Checker, "source", read)
    orders.write_text(MIX)  # the edit undone: the bytes the summary was keyed on
    assert run_txmix(named, project) == run_txmix([*named, "--no-cache", "--jobs", "1"], project)
