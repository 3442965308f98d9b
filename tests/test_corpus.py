"""Precision and recall of txmix on the labelled corpus (tests/corpus/, format in its README.md).

Each case is a small real project with its expected findings marked in the source
(`# expect: TXM001`); txmix runs on each case as its own project root, and every reported
(file, line, code) is compared with the markers. Both figures must stay at or above 0.97.
"""

from __future__ import annotations

import pytest

from corpus_scoring import CORPUS, Scores, case_dirs, expected_findings, score_corpus

THRESHOLD = 0.97


@pytest.fixture(scope="module")
def scores() -> Scores:
    return score_corpus()


def test_corpus_is_large_and_mostly_multi_file_projects() -> None:
    cases = case_dirs()
    multi = [c for c in cases if sum(1 for _ in c.rglob("*.py")) > 1]
    assert len(cases) >= 100 and len(multi) >= 40, (len(cases), len(multi))
    assert sum(len(expected_findings(c)) for c in cases) >= 80


def test_corpus_holds_no_file_pytest_would_collect() -> None:
    collectable = [p for c in case_dirs() for p in c.rglob("*.py") if p.name.startswith("test_") or p.name.endswith("_test.py") or p.name == "conftest.py"]
    assert not collectable


def test_the_issue_scenarios_carry_the_issue_counts() -> None:
    """The standard FastAPI layout of issue 12 holds exactly 6 mixes, the Flask app factory 3."""
    assert len(expected_findings(CORPUS / "fastapi_standard_layout")) == 6
    assert len(expected_findings(CORPUS / "flask_app_factory")) == 3


def test_every_case_runs_without_error(scores: Scores) -> None:
    assert not [f"{c.name}: {c.error}" for c in scores.cases if c.error]


def test_precision_and_recall_on_the_corpus_are_at_least_097(scores: Scores) -> None:
    report = "\n".join([f"precision {scores.precision:.3f}, recall {scores.recall:.3f}", *scores.failures()])
    assert scores.precision >= THRESHOLD and scores.recall >= THRESHOLD, report
