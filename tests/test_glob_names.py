"""The one-expression name matcher a walk uses answers exactly as ``glob_matches`` does for
each pattern: its cheap ending test may only skip names no pattern can match."""

from __future__ import annotations

import os

import pytest

from txmix_hook.globs import glob_matches, name_matcher

PATTERNS = ("*.egg-info", "test_*.py", "migrations", "[!a]bc.py", "x?z.py", "*", "v[0-9]", "a]b", "caf\u00e9*", "[ab]", "**")
NAMES = (
    "models.py", "pkg.egg-info", "test_one.py", "testone.py", "migrations", "migration", "xbc.py", "abc.py",
    "xyz.py", "xz.py", "v1", "va", "a]b", "caf\u00e9.py", "cafe.py", "a", "c", os.fsdecode(b"caf\xe9.py"), "",
)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_one_pattern_matches_the_names_glob_matches_matches(pattern: str) -> None:
    matches = name_matcher((pattern,))
    assert [n for n in NAMES if matches(n)] == [n for n in NAMES if glob_matches(pattern, n)]


def test_several_patterns_match_a_name_when_any_of_them_does() -> None:
    chosen = ("*.egg-info", "test_*.py", "migrations")
    matches = name_matcher(chosen)
    assert [n for n in NAMES if matches(n)] == [n for n in NAMES if any(glob_matches(p, n) for p in chosen)]
    assert [n for n in NAMES if matches(n)] == ["pkg.egg-info", "test_one.py", "migrations"]
