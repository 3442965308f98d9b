"""The guard's small rule table agrees with the built-in YAML rules (read as text: the guard
must not load YAML)."""

from __future__ import annotations

import re
from pathlib import Path

from txmix_hook.runtime.rules import RULES

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def yaml_ids_and_names() -> dict[str, str]:
    found = {}
    for path in sorted(RULES_DIR.glob("TXM*.yaml")):
        text = path.read_text()
        rule_id = re.search(r"^id:\s*(\S+)\s*$", text, re.MULTILINE)
        name = re.search(r"^name:\s*(\S+)\s*$", text, re.MULTILINE)
        assert rule_id and name, path
        found[rule_id.group(1)] = name.group(1)
    return found


def test_every_runtime_rule_is_a_builtin_rule_with_the_same_name() -> None:
    builtin = yaml_ids_and_names()
    assert len(builtin) >= 5
    for rule in RULES.values():
        assert builtin.get(rule.id) == rule.name, f"{rule.id}: runtime says {rule.name!r}, rules/ says {builtin.get(rule.id)!r}"


def test_the_table_covers_the_driver_and_engine_rules() -> None:
    assert sorted(RULES) == ["TXM001", "TXM002", "TXM003", "TXM004", "TXM005"]
