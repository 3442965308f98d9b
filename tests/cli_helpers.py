"""Running the real ``txmix`` click command inside a temporary project folder."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from txmix_hook.cli import main

MIX = """\
import psycopg2
from sqlalchemy.orm import Session


def create_order(db: Session, order):
    db.add(order)
    conn = psycopg2.connect("dbname=shop")
    conn.commit()
"""


def run_txmix(args: list[str], cwd: Path) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr
