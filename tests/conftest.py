"""Shared helpers: analyse real code with the real rules and the real tree-sitter parser."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from txmix_hook.analysis import Analysis
from txmix_hook.finding import Finding
from txmix_hook.rules.loader import load_rulebook
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.source import decode_source

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook()


def findings_in(book: RuleBook, code: str, name: str = "sample.py") -> list[Finding]:
    source = decode_source(textwrap.dedent(code).encode("utf-8"), Path(name), name)
    return Analysis(book, list(book.rules.values())).analyze(source)


@pytest.fixture()
def find(book: RuleBook):  # type: ignore[no-untyped-def]
    return lambda code, name="sample.py": findings_in(book, code, name)
