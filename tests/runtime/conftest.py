"""The run-time guard's tests run on the real PostgreSQL the proofs start (same fixtures, same
TXMIX_REQUIRE_POSTGRES convention), and each test leaves the guard uninstalled."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from postgres.conftest import pg, shop  # noqa: F401  (the proofs' server and shop schema)
from txmix_hook import runtime
from txmix_hook.runtime.findings import RuntimeFinding, TxMixWarning

@pytest.fixture()
def guarded() -> Iterator[list[RuntimeFinding]]:
    """The guard in warn mode for one test; the list fills with its findings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TxMixWarning)
        with runtime.guard("warn") as found:
            yield found
    assert not runtime.installed()


@pytest.fixture()
def strict() -> Iterator[list[RuntimeFinding]]:
    """The guard in error mode: any finding raises TxMixError where the raw statement runs."""
    with runtime.guard("error") as found:
        yield found
    assert not runtime.installed()


def line_of(path: str, marker: str) -> int:
    """The line of ``path`` that ends with the comment ``# <marker>``: where a site must point."""
    lines = Path(path).read_text().splitlines()
    hits = [number for number, line in enumerate(lines, 1) if line.rstrip().endswith(f"# {marker}")]
    assert len(hits) == 1, f"marker {marker!r} must be on exactly one line of {path}"
    return hits[0]


def assert_site(site: object, path: str, marker: str) -> None:
    assert Path(site.path).resolve() == Path(path).resolve(), site  # type: ignore[attr-defined]
    assert site.line == line_of(path, marker), site  # type: ignore[attr-defined]


def assert_only_finding(found: list[RuntimeFinding], rule: str, path: str, raw_marker: str, began_marker: str) -> RuntimeFinding:
    """Exactly one finding, of ``rule``, pointing at the two marked lines of ``path``."""
    [finding] = found
    assert finding.rule == rule, finding
    assert_site(finding.raw_site, path, raw_marker)
    assert_site(finding.began_at, path, began_marker)
    return finding
