"""Score txmix against the labelled corpus in tests/corpus/ (format: docs/CORPUS_FORMAT.md).

Shared by tests/test_corpus.py (which asserts the figures) and benchmarks/corpus_scores.py
(which prints them). Each case directory is its own project root, so each is checked by its
own `txmix check . --output-format json --exit-zero --no-cache` run with the case directory as
cwd (no cache, so scoring writes nothing into the checkout); the
findings are compared with the `# expect: TXM001` markers as (file, line, code) triples, so
precision and recall are counted per finding, not per case.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
_MARKER = re.compile(r"#\s*expect:\s*(TXM\d{3}(?:\s*,\s*TXM\d{3})*)\s*$")

Triple = tuple[str, int, str]  # (path relative to the case dir, 1-based line, rule code)


@dataclass
class CaseResult:
    name: str
    expected: set[Triple]
    found: set[Triple]
    error: str = ""  # the run failed (bad exit or unreadable output): every expectation is a miss

    @property
    def misses(self) -> set[Triple]:
        return self.expected - self.found

    @property
    def false_alarms(self) -> set[Triple]:
        return self.found - self.expected

    @property
    def multi_file(self) -> bool:
        return sum(1 for _ in (CORPUS / self.name).rglob("*.py")) > 1


@dataclass
class Scores:
    cases: list[CaseResult] = field(default_factory=list)

    @property
    def true_positives(self) -> int:
        return sum(len(c.expected & c.found) for c in self.cases)

    @property
    def expected(self) -> int:
        return sum(len(c.expected) for c in self.cases)

    @property
    def found(self) -> int:
        return sum(len(c.found) for c in self.cases)

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def failures(self) -> list[str]:
        """One block per case that is not exactly right, for a failing assertion's message."""
        lines: list[str] = []
        for case in self.cases:
            if not (case.misses or case.false_alarms or case.error):
                continue
            lines.append(f"{case.name}:")
            if case.error:
                lines.append(f"  run failed: {case.error}")
            lines += [f"  missed       {path}:{line} {code}" for path, line, code in sorted(case.misses)]
            lines += [f"  false alarm  {path}:{line} {code}" for path, line, code in sorted(case.false_alarms)]
        return lines


def case_dirs() -> list[Path]:
    return sorted(p.parent for p in CORPUS.glob("*/pyproject.toml"))


def expected_findings(case: Path) -> set[Triple]:
    expected: set[Triple] = set()
    for path in sorted(case.rglob("*.py")):
        rel = path.relative_to(case).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if marker := _MARKER.search(text):
                expected.update((rel, number, code.strip()) for code in marker.group(1).split(","))
    return expected


def reported_findings(case: Path) -> tuple[set[Triple], str]:
    """Run txmix on one case as its own project; return its findings, or an error text."""
    done = subprocess.run(
        [sys.executable, "-P", "-m", "txmix_hook", "check", ".", "--output-format", "json", "--exit-zero", "--no-cache"],
        cwd=case,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if done.returncode != 0:
        return set(), f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ''}"
    try:
        findings = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        return set(), f"output is not JSON ({exc})"
    found: set[Triple] = set()
    for item in findings:
        path = Path(item["filename"])
        rel = (path.relative_to(case) if path.is_absolute() else path).as_posix()
        found.add((rel.removeprefix("./"), int(item["location"]["row"]), item["code"]))
    return found, ""


def score_case(case: Path) -> CaseResult:
    found, error = reported_findings(case)
    return CaseResult(case.name, expected_findings(case), found, error)


def score_corpus(workers: int = 2) -> Scores:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return Scores(list(pool.map(score_case, case_dirs())))
