"""Every built-in rule's embedded valid/invalid examples, through one shared test."""

from __future__ import annotations

import pytest

from txmix_hook.rules.loader import load_rulebook
from txmix_hook.ruletest import check_snippet

BOOK = load_rulebook()
CASES = [
    pytest.param(rule, code, kind == "invalid", id=f"{rule.id}-{kind}-{i}")
    for rule in BOOK.rules.values()
    for kind, snippets in (("invalid", rule.invalid_tests), ("valid", rule.valid_tests))
    for i, code in enumerate(snippets)
]


@pytest.mark.parametrize(("rule", "code", "should_find"), CASES)
def test_embedded_example(rule, code, should_find) -> None:  # type: ignore[no-untyped-def]
    assert check_snippet(BOOK, rule, code, rule.origin, 0, should_find) == []


def test_every_builtin_rule_has_valid_and_invalid_examples() -> None:
    assert len(BOOK.rules) >= 5
    for rule in BOOK.rules.values():
        assert rule.invalid_tests and rule.valid_tests, rule.id


def test_every_builtin_rule_documents_what_why_example_and_fix() -> None:
    for rule in BOOK.rules.values():
        for key in ("what", "why", "example", "use-instead"):
            assert rule.docs[key].strip(), (rule.id, key)
