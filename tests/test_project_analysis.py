"""Project-wide analysis: bindings across modules, calls followed, request and transaction scope.

Each test writes a small real project (a pyproject.toml marks its root) and runs the real CLI,
so the whole chain (summaries, project index, call graph, report) is what is checked.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from cli_helpers import run_txmix


def project(root: Path, files: dict[str, str], config: str = "") -> Path:
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\n' + (f"\n[tool.txmix]\n{config}\n" if config else ""))
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip("\n"))
    return root


def findings(root: Path, *paths: str) -> list[dict]:
    code, out, err = run_txmix(["check", *(paths or (".",)), "--output-format", "json", "--exit-zero"], root)
    assert code == 0, err
    return json.loads(out)


def triples(root: Path, *paths: str) -> set[tuple[str, int, str]]:
    return {(f["filename"], f["location"]["row"], f["code"]) for f in findings(root, *paths)}


DATABASE = """
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    engine = create_engine("postgresql://shop@localhost/shop")
    SessionLocal = sessionmaker(bind=engine)


    def get_db():
        db = SessionLocal()
        try:
            yield db
        finally:
            db.close()
"""
REPORTS = """
    import psycopg2

    DSN = "dbname=shop"


    def fetch_totals(order_id):
        conn = psycopg2.connect(DSN)
        with conn.cursor() as cur:
            cur.execute("SELECT sum(total) FROM lines WHERE order_id = %s", (order_id,))
            return cur.fetchone()
"""
ORDERS = """
    from fastapi import APIRouter, Depends
    from sqlalchemy.orm import Session

    from app.database import get_db
    from app.reports import fetch_totals

    router = APIRouter()


    @router.post("/orders")
    def create_order(order_id: int, db: Session = Depends(get_db)):
        db.add(object())
        totals = fetch_totals(order_id)
        db.commit()
        return totals
"""


def test_a_helper_in_another_module_is_followed_and_reported_at_the_call(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS, "app/api/__init__.py": "", "app/api/orders.py": ORDERS})
    [finding] = findings(root)
    assert (finding["filename"], finding["location"]["row"], finding["code"]) == ("app/api/orders.py", 13, "TXM001")
    assert "[`db` from `Depends(get_db)` (app/database.py:8); psycopg2 connection `conn` in `fetch_totals` (app/reports.py:7), called from `create_order` (app/api/orders.py:13)]" in finding["message"]
    assert [(r["filename"], r["location"]["row"]) for r in finding["related"]] == [("app/reports.py", 7), ("app/api/orders.py", 12)]


def test_the_advice_says_to_hand_the_session_down_to_the_helper_that_opens_the_connection(tmp_path: Path) -> None:
    """"Run the SQL through `db.execute(...)`" alone misleads when the SQL is in another
    function: the session has to be passed down to it. Said only when the session is the
    reporting function's own variable, not a callee's, and not `Model.query`."""
    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS, "app/api/__init__.py": "", "app/api/orders.py": ORDERS})
    [finding] = findings(root)
    assert "or on `db.connection().connection` (`fetch_totals` opens that connection itself: pass `db` down to it) [" in finding["message"]
    (tmp_path / "direct").mkdir()
    direct = project(tmp_path / "direct", {"jobs.py": "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef job(db: Session):\n    db.add(object())\n    psycopg2.connect('').commit()\n"})
    [plain] = findings(direct)
    assert "down to it" not in plain["message"]  # both sides in `job` itself


def test_no_advice_to_hand_down_a_session_the_helper_already_has(tmp_path: Path) -> None:
    """"Pass `db` down" is wrong where the helper can already use the session: it is given it
    as an argument, it is a method called on the same `self`, or a lambda or closure inside
    the function. The finding stays; only the advice goes."""
    code = """
        import psycopg2
        from sqlalchemy.orm import Session


        def export(db: Session):
            psycopg2.connect("dbname=shop").commit()


        def handed(db: Session):
            db.add(object())
            export(db)


        def closure(db: Session):
            db.add(object())
            run(lambda: psycopg2.connect("dbname=shop").commit())


        def run(fn):
            return fn


        class Repo:
            def __init__(self, session: Session):
                self.session = session

            def _raw(self):
                psycopg2.connect("dbname=shop").commit()

            def save(self):
                self.session.add(object())
                self._raw()


        def not_handed(db: Session):
            db.add(object())
            export(None)
    """
    root = project(tmp_path, {"jobs.py": code})
    advice = {f["location"]["row"]: "down to it" in f["message"] for f in findings(root)}
    assert advice == {11: False, 16: False, 32: False, 37: True}  # handed, closure, Repo.save, not_handed


def test_only_the_named_file_is_reported_but_the_whole_project_is_read(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS, "app/api/__init__.py": "", "app/api/orders.py": ORDERS})
    assert triples(root, "app/api/orders.py") == {("app/api/orders.py", 13, "TXM001")}
    assert triples(root, "app/reports.py") == set()


def test_passing_the_session_or_its_connection_is_one_transaction(tmp_path: Path) -> None:
    helper = """
        def archive(conn, order_id):
            cur = conn.cursor()
            cur.execute("DELETE FROM orders WHERE id = %s", (order_id,))


        def archive_with(session, order_id):
            raw = session.connection().connection
            raw.cursor().execute("DELETE FROM orders WHERE id = %s", (order_id,))
    """
    handler = """
        from sqlalchemy.orm import Session

        from app.helpers import archive, archive_with


        def close(db: Session, order_id: int):
            db.add(object())
            archive(db.connection().connection, order_id)
            archive_with(db, order_id)
    """
    root = project(tmp_path, {"app/__init__.py": "", "app/helpers.py": helper, "app/handler.py": handler})
    assert triples(root) == set()


def test_reexports_through_package_init_and_annotated_aliases_resolve(tmp_path: Path) -> None:
    deps = """
        from typing import Annotated

        from fastapi import Depends
        from sqlalchemy.orm import Session

        from app.db import get_db

        SessionDep = Annotated[Session, Depends(get_db)]
    """
    pool = """
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=shop")
    """
    handler = """
        from app import SessionDep, pool


        def rename(db: SessionDep, item_id: int):
            db.get(object, item_id)
            with pool.connection() as conn:
                conn.execute("UPDATE items SET name = 'x'")
    """
    root = project(tmp_path, {
        "app/__init__.py": "from .deps import SessionDep\nfrom .pool import pool\n",
        "app/db.py": DATABASE, "app/deps.py": deps, "app/pool.py": pool, "app/handler.py": handler,
    })
    assert triples(root) == {("app/handler.py", 6, "TXM002")}


def test_flask_sqlalchemy_factory_and_a_connection_cached_on_g(tmp_path: Path) -> None:
    extensions = """
        from flask_sqlalchemy import SQLAlchemy

        db = SQLAlchemy()
    """
    pg = """
        from flask import g

        from app.extensions import db


        def get_conn():
            if "conn" not in g:
                g.conn = db.engine.raw_connection()
            return g.conn
    """
    views = """
        from flask import Blueprint

        from app.extensions import db
        from app.models import Order
        from app.pg import get_conn

        bp = Blueprint("orders", __name__)


        @bp.route("/orders/<int:order_id>/ship", methods=["POST"])
        def ship(order_id):
            order = Order.query.get(order_id)
            conn = get_conn()
            conn.cursor().execute("UPDATE stock SET n = n - 1")
            db.session.commit()
    """
    models = """
        from app.extensions import db


        class Order(db.Model):
            id = db.Column(db.Integer, primary_key=True)
    """
    root = project(tmp_path, {"app/__init__.py": "", "app/extensions.py": extensions, "app/pg.py": pg, "app/views.py": views, "app/models.py": models})
    [finding] = findings(root)
    assert (finding["filename"], finding["location"]["row"], finding["code"]) == ("app/views.py", 13, "TXM004")
    assert "down to it" not in finding["message"]  # `Order.query` is no variable to pass on


def test_a_class_storing_session_and_pool_mixes_across_its_methods(tmp_path: Path) -> None:
    repo = """
        from psycopg2.pool import ThreadedConnectionPool
        from sqlalchemy.orm import Session


        class Repo:
            def __init__(self, session: Session, pool: ThreadedConnectionPool):
                self.session = session
                self.pool = pool

            def _copy(self):
                conn = self.pool.getconn()
                conn.cursor().execute("INSERT INTO archive SELECT * FROM orders")

            def archive(self):
                self.session.query(object).all()
                self._copy()
    """
    root = project(tmp_path, {"repo.py": repo})
    assert triples(root) == {("repo.py", 16, "TXM001")}


def test_recursion_and_call_cycles_terminate(tmp_path: Path) -> None:
    code = """
        import psycopg2
        from sqlalchemy.orm import Session


        def ping(n):
            return pong(n - 1) if n else psycopg2.connect("")


        def pong(n):
            return ping(n)


        def walk(db: Session, n):
            db.add(object())
            walk(db, n - 1)
            ping(n)
    """
    root = project(tmp_path, {"cycle.py": code})
    assert triples(root) == {("cycle.py", 16, "TXM001")}


def _helper_reached_first_from_far_away(far_first: bool) -> dict[str, str]:
    """`handler` holds a session and calls `export`, which opens a raw connection two calls
    down; `audit` reaches `export` too, but six calls down, where the connection lies past the
    depth bound. ``far_first`` puts `audit` before `handler` in the file."""
    far = ["def audit():", "    step_1()", "", ""]
    for number in range(1, 5):
        far += [f"def step_{number}():", f"    step_{number + 1}()", "", ""]
    far += ["def step_5():", "    export()", "", ""]
    near = ["def handler(db: Session):", "    db.add(object())", "    export()", "", ""]
    helpers = ["def export():", "    write()", "", "", "def write():", "    open_raw()", "", ""]
    helpers += ["def open_raw():", "    psycopg2.connect('dbname=shop').commit()", ""]
    head = ["import psycopg2", "from sqlalchemy.orm import Session", "", ""]
    return {"jobs.py": "\n".join(head + (far + near if far_first else near + far) + helpers)}


def test_what_a_function_reaches_does_not_depend_on_who_asked_first(tmp_path: Path) -> None:
    """Reach is memoised per (function, calls left): `export` first met six calls down, with
    its connection out of reach, still reaches it when `handler` calls it directly."""
    (tmp_path / "near").mkdir()
    (tmp_path / "far").mkdir()
    near_first = project(tmp_path / "near", _helper_reached_first_from_far_away(far_first=False))
    far_first = project(tmp_path / "far", _helper_reached_first_from_far_away(far_first=True))
    assert triples(near_first) == {("jobs.py", 7, "TXM001")}
    assert triples(far_first) == {("jobs.py", 31, "TXM001")}  # the same call, 24 lines lower


def test_functions_calling_each_other_each_report_what_they_mix_themselves(tmp_path: Path) -> None:
    """`save` writes and calls `audit`; `audit` opens a raw connection and may call `save`
    again. Each reaches both sides only through the other as well, which must not silence both:
    each is reported. `migrate` and `upgrade` call each other too, but `upgrade` mixes in
    `_run` on its own, so that is the one finding there."""
    code = """
        import psycopg2
        from sqlalchemy.orm import Session


        def save(db: Session, n):
            db.add(object())
            audit(db, n)


        def audit(db, n):
            if n:
                save(db, n - 1)
            psycopg2.connect("dbname=shop").commit()


        def migrate(db: Session):
            upgrade(db)


        def upgrade(db: Session):
            if db.info:
                migrate(db)
            _run(db)


        def _run(db: Session):
            db.add(object())
            psycopg2.connect("dbname=shop").commit()
    """
    root = project(tmp_path, {"cycle.py": code})
    assert triples(root) == {("cycle.py", 7, "TXM001"), ("cycle.py", 13, "TXM001"), ("cycle.py", 28, "TXM001")}


def test_in_recursion_the_finding_stays_where_the_sides_are(tmp_path: Path) -> None:
    """`sync` mixes by itself and `retry` only by calling it back: one finding, in `sync`.
    `relay` holds no side and passes through to `audit`: not reported (`save` and `audit` are).
    In a group of functions that all call each other, only the two holding a side are."""
    dup = """
        import psycopg2
        from sqlalchemy.orm import Session


        def sync(db: Session, n):
            db.add(object())
            psycopg2.connect("dbname=shop").commit()
            if n:
                retry(db, n - 1)


        def retry(db: Session, n):
            db.flush()
            sync(db, n)
    """
    relay = """
        import psycopg2
        from sqlalchemy.orm import Session


        def save(db: Session, n):
            db.add(object())
            relay(db, n)


        def relay(db, n):
            audit(db, n)


        def audit(db, n):
            if n:
                save(db, n - 1)
            psycopg2.connect("dbname=shop").commit()
    """
    names = [f"f{n}" for n in range(8)]
    group = ["import psycopg2", "from sqlalchemy.orm import Session", "", ""]
    for name in names:
        side = {"f0": ["    db.add(object())"], "f1": ["    psycopg2.connect('dbname=shop').commit()"]}.get(name, [])
        group += [f"def {name}(db: Session):", *side, *(f"    {other}(db)" for other in names if other != name), "", ""]
    root = project(tmp_path, {"dup.py": dup, "relay.py": relay, "group.py": "\n".join(group)})
    assert triples(root) == {
        ("dup.py", 7, "TXM001"),
        ("relay.py", 7, "TXM001"),
        ("relay.py", 17, "TXM001"),
        ("group.py", 7, "TXM001"),  # f0's call of f1
        ("group.py", 17, "TXM001"),  # f1's connection
    }


def test_a_ring_of_functions_each_reaching_the_other_side_through_the_next_is_reported_once(tmp_path: Path) -> None:
    """Each function holds one side and reaches the other through the next, so each defers to
    the next, round the ring: the first function of the ring reports it, once."""
    ring = ["import psycopg2", "from sqlalchemy.orm import Session", "", ""]
    for number in range(6):
        side = "    psycopg2.connect('dbname=shop').commit()" if number % 2 == 0 else "    db.add(object())"
        ring += [f"def f{number}(db: Session):", side, f"    f{(number + 1) % 6}(db)", "", ""]
    root = project(tmp_path, {"ring.py": "\n".join(ring)})
    assert triples(root) == {("ring.py", 6, "TXM001")}


def test_a_call_cycle_longer_than_the_depth_bound_neither_hides_a_mix_nor_depends_on_the_files_named(tmp_path: Path) -> None:
    """`f` writes and calls `a1`; `a2` opens a connection; `a7` calls `f` again, eight calls
    round. `f` is reported whether the whole project or only its file is checked."""
    jobs = """
        from sqlalchemy.orm import Session

        from app.ring import a1


        def f(db: Session, n):
            db.add(object())
            a1(db, n)
    """
    ring = ["import psycopg2", "", ""]
    for number in range(1, 7):
        ring += [f"def a{number}(db, n):"]
        if number == 2:
            ring += ["    psycopg2.connect('dbname=shop').commit()"]
        ring += [f"    a{number + 1}(db, n)", "", ""]
    ring += ["def a7(db, n):", "    from app.jobs import f", "    if n:", "        f(db, n - 1)", ""]
    root = project(tmp_path, {"app/__init__.py": "", "app/jobs.py": jobs, "app/ring.py": "\n".join(ring)})
    whole = {found for found in triples(root) if found[0] == "app/jobs.py"}
    assert whole == {("app/jobs.py", 8, "TXM001")}
    assert triples(root, "app/jobs.py") == whole


def test_a_thread_target_is_not_called_and_listen_connections_are_apart(tmp_path: Path) -> None:
    code = """
        import threading

        import psycopg2
        from sqlalchemy.orm import Session


        def heartbeat():
            conn = psycopg2.connect("")
            conn.cursor().execute("UPDATE workers SET seen = now()")


        def listen():
            conn = psycopg2.connect("")
            conn.cursor().execute("LISTEN jobs")
            return conn


        def run(db: Session):
            threading.Thread(target=heartbeat, daemon=True).start()
            listen()
            db.add(object())
    """
    root = project(tmp_path, {"worker.py": code})
    assert triples(root) == set()


def test_a_connection_to_another_declared_database_is_unrelated(tmp_path: Path) -> None:
    config = "DSN = 'dbname=shop'\nWAREHOUSE_DSN = 'dbname=dwh'\n"
    code = """
        import psycopg2
        from sqlalchemy.orm import Session

        from app.config import DSN, WAREHOUSE_DSN


        def export(db: Session):
            db.add(object())
            psycopg2.connect(WAREHOUSE_DSN)


        def mix(db: Session):
            db.add(object())
            psycopg2.connect(DSN)
    """
    root = project(tmp_path, {"app/__init__.py": "", "app/config.py": config, "app/jobs.py": code}, 'other-databases = ["app.config.WAREHOUSE_DSN"]')
    assert triples(root) == {("app/jobs.py", 14, "TXM001")}


SESSION_STATES = """
    import psycopg2
    from sqlalchemy.orm import Session, sessionmaker

    SessionLocal = sessionmaker()


    def closed_first():
        with SessionLocal() as s:
            s.add(object())
            s.commit()
        psycopg2.connect("")


    def committed_first(db: Session):
        db.add(object())
        db.commit()
        psycopg2.connect("")


    def still_open(db: Session):
        db.add(object())
        psycopg2.connect("")
        db.commit()
"""


def test_session_state_decides_severity_closed_committed_open(tmp_path: Path) -> None:
    root = project(tmp_path, {"jobs.py": SESSION_STATES})
    got = {(f["location"]["row"], f["severity"]) for f in findings(root)}
    assert got == {(17, "warning"), (22, "error")}


def test_every_output_format_carries_the_path(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS, "app/api/__init__.py": "", "app/api/orders.py": ORDERS})
    _, full, _ = run_txmix(["check", ".", "--output-format", "full"], root)
    assert "= path: app/reports.py:7:12: psycopg2 connection `conn` used here" in full
    _, sarif, _ = run_txmix(["check", ".", "--output-format", "sarif"], root)
    [result] = json.loads(sarif)["runs"][0]["results"]
    flow = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["artifactLocation"]["uri"] for step in flow] == ["app/api/orders.py", "app/reports.py", "app/api/orders.py"]
    _, lines, _ = run_txmix(["check", ".", "--output-format", "json-lines"], root)
    assert json.loads(lines.splitlines()[0])["related"][0]["filename"] == "app/reports.py"


def test_a_suppression_on_the_call_site_silences_the_cross_module_finding(tmp_path: Path) -> None:
    suppressed = ORDERS.replace("totals = fetch_totals(order_id)", "totals = fetch_totals(order_id)  # txmix: ignore[TXM001]")
    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS, "app/api/__init__.py": "", "app/api/orders.py": suppressed})
    code, out, _ = run_txmix(["check", "."], root)
    assert code == 0 and "TXM100" not in out


def test_transaction_scope_ignores_raw_work_after_the_commit(tmp_path: Path) -> None:
    rule = (Path(__file__).resolve().parents[1] / "rules" / "TXM001-orm-and-psycopg2.yaml").read_text()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "tx.yaml").write_text(
        rule.replace("id: TXM001", "id: TXM901").replace("scope: request", "scope: transaction").replace("name: orm-and-psycopg2-in-one-scope", "name: tx-scope")
    )
    root = project(tmp_path, {"jobs.py": SESSION_STATES}, 'extend-rules = ["rules"]\nselect = ["TXM901"]')
    assert triples(root) == {("jobs.py", 22, "TXM901")}  # committed_first (line 17) is after the transaction


def test_standard_input_is_checked_inside_the_project_around_its_path(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from txmix_hook.cli import main

    root = project(tmp_path, {"app/__init__.py": "", "app/database.py": DATABASE, "app/reports.py": REPORTS})
    monkeypatch.chdir(root)
    done = CliRunner().invoke(main, ["check", "--stdin-filename", "app/api/orders.py", "-"], input=textwrap.dedent(ORDERS).lstrip("\n"))
    assert done.exit_code == 1
    assert "app/api/orders.py:13:14: TXM001" in done.stdout and "in `fetch_totals` (app/reports.py:7)" in done.stdout


def test_a_sub_projects_own_config_applies_when_run_from_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    backend = tmp_path / "backend"
    backend.mkdir()
    (backend / "pyproject.toml").write_text('[project]\nname = "backend"\n\n[tool.txmix]\nignore = ["TXM001"]\n')
    (backend / "orders.py").write_text(textwrap.dedent(MIX_SAME_FUNCTION))
    (tmp_path / "tool.py").write_text(textwrap.dedent(MIX_SAME_FUNCTION))
    assert {(f["filename"], f["code"]) for f in findings(tmp_path, "backend/orders.py", "tool.py")} == {("tool.py", "TXM001")}


MIX_SAME_FUNCTION = """
    import psycopg2
    from sqlalchemy.orm import Session


    def create_order(db: Session):
        db.add(object())
        psycopg2.connect("")
"""


def test_a_broken_first_line_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    root = project(tmp_path, {"tasks.py": "[celery import shared_task\n" + textwrap.dedent(MIX_SAME_FUNCTION)})
    code, _, err = run_txmix(["check", "tasks.py", "--fix", "--unsafe-fixes"], root)
    assert code in (0, 1) and "tasks.py:1:1: warning: syntax error" in err and "internal error" not in err


def _chain(hops: int) -> dict[str, str]:
    """`handler` opens a raw connection and calls down `hops` functions (in a module that is not
    checked) to the one holding a session; `other` does too, through two that call each other."""
    jobs = ["import psycopg2", "", "from app.steps import loop_a, step_1", "", ""]
    jobs += ["def handler():", "    conn = psycopg2.connect('dbname=shop')", "    step_1()", "    conn.commit()", "", ""]
    jobs += ["def other():", "    conn = psycopg2.connect('dbname=shop')", "    loop_a()", "    conn.commit()", ""]
    steps = ["from sqlalchemy.orm import Session", "", ""]
    for number in range(1, hops):
        steps += [f"def step_{number}():", f"    step_{number + 1}()", "", ""]
    steps += [f"def step_{hops}():", "    with Session() as session:", "        session.add(object())", "", ""]
    steps += ["def loop_a():", "    loop_b()", "", ""]
    steps += ["def loop_b():", "    loop_a()", "    with Session() as session:", "        session.add(object())", ""]
    return {"app/__init__.py": "", "app/jobs.py": "\n".join(jobs), "app/steps.py": "\n".join(steps)}


def test_a_session_held_as_deep_as_calls_are_followed_is_found_and_no_deeper(tmp_path: Path) -> None:
    """Functions that reach no session are passed over before any of their connections is
    evaluated: the calls that decide it must be followed exactly as deep as the findings' (a
    pre-commit run names only the handler's file)."""
    (tmp_path / "seven").mkdir()
    (tmp_path / "eight").mkdir()
    followed = project(tmp_path / "seven", _chain(7))
    assert triples(followed, "app/jobs.py") == {("app/jobs.py", 7, "TXM001"), ("app/jobs.py", 13, "TXM001")}
    beyond = project(tmp_path / "eight", _chain(8))
    assert triples(beyond, "app/jobs.py") == {("app/jobs.py", 13, "TXM001")}
