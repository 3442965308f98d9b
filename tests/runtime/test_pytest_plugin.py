"""The pytest plugin, run for real in a subprocess with the ``pytester`` fixture."""

from __future__ import annotations

import pytest

from postgres.pg_server import PgServer

SUITE = '''
import os
import psycopg2
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

DSN = os.environ["TXMIX_TEST_DSN"]
engine = create_engine(os.environ["TXMIX_TEST_URL"])


def mix(db):
    db.execute(text("SELECT 1"))  # mix-began
    raw = psycopg2.connect(DSN)
    try:
        raw.cursor().execute("SELECT 2")  # shared-site
    finally:
        raw.close()


def test_first_mix():
    with Session(engine) as db:
        mix(db)


def test_same_site_again():
    with Session(engine) as db:
        mix(db)


def test_swallowed():
    with Session(engine) as db:
        db.execute(text("SELECT 1"))  # swallowed-began
        raw = psycopg2.connect(DSN)
        try:
            raw.cursor().execute("SELECT 3")  # swallowed-site
        except Exception:
            pass
        raw.close()


def test_clean():
    with Session(engine) as db:
        db.execute(text("SELECT 1"))
        db.connection().connection.cursor().execute("SELECT 4")
'''


def line(marker: str) -> int:
    """The line of test_app.py (as pytester writes SUITE, dedented and stripped) with ``# marker``."""
    lines = SUITE.strip("\n").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.endswith(f"# {marker}"))


@pytest.fixture()
def suite(pytester: pytest.Pytester, pg: PgServer, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("TXMIX_TEST_DSN", pg.dsn)
    monkeypatch.setenv("TXMIX_TEST_URL", pg.url())
    pytester.makepyfile(test_app=SUITE)
    return pytester


def test_warn_lists_findings_once_per_site_in_the_terminal_summary(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("--txmix-runtime=warn", "-p", "no:randomly")
    result.assert_outcomes(passed=4, warnings=3)  # one warning per test that mixed
    summary = result.stdout.str().split("txmix run-time findings", 1)[1]
    assert summary.count("TXM001 orm-and-psycopg2-in-one-scope") == 2, summary
    result.stdout.fnmatch_lines(
        [
            f"test_app.py:{line('shared-site')}: TXM001 orm-and-psycopg2-in-one-scope: `SELECT 2`",
            f"    ORM work began at test_app.py:{line('mix-began')} in mix",
            "    in test_app.py::test_first_mix, test_app.py::test_same_site_again",
            f"test_app.py:{line('swallowed-site')}: TXM001 orm-and-psycopg2-in-one-scope: `SELECT 3`",
            f"    ORM work began at test_app.py:{line('swallowed-began')} in test_swallowed",
            "    in test_app.py::test_swallowed",
            "2 distinct mix site(s)*",
        ]
    )


def test_error_fails_each_test_that_mixed_even_when_it_swallowed_the_error(suite: pytest.Pytester) -> None:
    suite.makeini("[pytest]\ntxmix_runtime = error\n")  # the ini option, as a team would set it
    result = suite.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(["*TxMixError: TXM001*", "*the code caught the TxMixError*"])
    result.stdout.fnmatch_lines(["FAILED test_app.py::test_swallowed*"])
    overridden = suite.runpytest_subprocess("--txmix-runtime=off", "-p", "no:randomly")
    overridden.assert_outcomes(passed=4)


def test_it_is_off_unless_asked_for(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=4)
    assert "txmix run-time findings" not in result.stdout.str()


def test_a_bad_ini_value_is_a_usage_error(suite: pytest.Pytester) -> None:
    suite.makeini("[pytest]\ntxmix_runtime = loud\n")
    result = suite.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*txmix_runtime: expected one of warn, error, off, got 'loud'*"])
