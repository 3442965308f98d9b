"""Rule files are validated before anything runs; every error names file:line:col and key path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from txmix_hook.rules.errors import RuleError
from txmix_hook.rules.loader import load_rulebook

GOOD_RULE = """\
id: ACME001
name: orm-and-legacy-helper
severity: warning
scope: function
report-at: raw
message: "{raw} and {orm} (line {orm_line}) in {scope_name}"
sides:
  orm: { ref: sqlalchemy-session }
  raw:
    label: legacy connection
    values:
      - call: legacy.get_raw_conn
    queries:
      - (call) @value
docs:
  what: w
  why: y
  example: e
  use-instead: u
"""


def load(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "x.yaml").write_text(textwrap.dedent(text))
    load_rulebook([folder])


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleError) as info:
        load(tmp_path, text)
    return str(info.value).replace(str(tmp_path) + "/", "")


def test_a_good_user_rule_loads_beside_the_builtins(tmp_path: Path) -> None:
    load(tmp_path, GOOD_RULE)


def test_unknown_key(tmp_path: Path) -> None:
    assert error_of(tmp_path, GOOD_RULE + "colour: red\n") == (
        "rules/x.yaml:20:1: colour: unknown key 'colour' (known keys: id, override, enabled, name, severity, scope, message,"
        " report-at, sides, fix, docs, tests)"
    )


def test_missing_field(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("severity: warning\n", "")
    assert error_of(tmp_path, text) == "rules/x.yaml:1:1: missing required key 'severity'"


def test_bad_enum_value(tmp_path: Path) -> None:
    assert error_of(tmp_path, GOOD_RULE.replace("scope: function", "scope: galaxy")) == (
        "rules/x.yaml:4:8: scope: 'galaxy' is not one of: function, request, transaction"
    )


def test_wrong_type_names_the_key_path(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("      - (call) @value", "      - [1, 2]")
    assert error_of(tmp_path, text) == "rules/x.yaml:14:9: sides.raw.queries[0]: expected a string, got a list"


def test_query_syntax_error_points_into_the_query(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("      - (call) @value", "      - |\n        (call\n          (calll) @value)")
    assert error_of(tmp_path, text) == (
        "rules/x.yaml:16:12: sides.raw.queries[0]: tree-sitter query error: invalid node type \"calll\""
    )


def test_query_syntax_error_in_a_plain_scalar(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("      - (call) @value", "      - (calll) @value")
    assert error_of(tmp_path, text) == (
        "rules/x.yaml:14:10: sides.raw.queries[0]: tree-sitter query error: invalid node type \"calll\""
    )


def test_unknown_pattern_set_reference(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD_RULE.replace("ref: sqlalchemy-session", "ref: no-such-set"))
    assert message.startswith("rules/x.yaml:8:15: sides.orm.ref: unknown pattern set 'no-such-set' (known: asyncpg-connection")


def test_unknown_message_placeholder(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD_RULE.replace("{scope_name}", "{scope}"))
    assert message.startswith("rules/x.yaml:6:10: message: unknown placeholder {scope} (known: orm, orm_label")


def test_report_at_must_be_a_side(tmp_path: Path) -> None:
    assert error_of(tmp_path, GOOD_RULE.replace("report-at: raw", "report-at: sql")) == (
        "rules/x.yaml:5:12: report-at: 'sql' is not one of this rule's sides (orm, raw)"
    )


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    assert error_of(tmp_path, GOOD_RULE + "name: again\n") == "rules/x.yaml:20:1: name: duplicate key 'name'"


def test_alias_bomb_is_rejected_not_expanded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    message = error_of(tmp_path, "\n".join(lines) + "\n")
    assert "document expands to more than 10000 nodes" in message


def test_non_mapping_document(tmp_path: Path) -> None:
    assert error_of(tmp_path, "- just\n- a list\n") == "rules/x.yaml:1:1: a rule document must be a mapping"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert error_of(tmp_path, "id: [unclosed\n").startswith("rules/x.yaml:2:1: YAML syntax error:")


def test_rule_id_collision_with_builtin(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD_RULE.replace("ACME001", "TXM001"))
    assert message.startswith("rules/x.yaml:1:5: id: rule TXM001 is already defined in")


def test_a_value_source_takes_exactly_one_kind(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("      - call: legacy.get_raw_conn", "      - call: legacy.a\n        annotation: legacy.B")
    assert error_of(tmp_path, text).startswith("rules/x.yaml:12:9: sides.raw.values[0]: takes exactly one of: call, annotation")


def test_bad_qualified_name(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("legacy.get_raw_conn", "legacy..get")
    assert error_of(tmp_path, text).startswith("rules/x.yaml:12:15: sides.raw.values[0].call: 'legacy..get' does not match")


def test_a_fix_on_a_rule_reporting_at_the_orm_side_is_rejected(tmp_path: Path) -> None:
    """Fix kinds rewrite the raw connection; reporting at the session would rewrite the ORM call."""
    rule = GOOD_RULE.replace("report-at: raw", "report-at: orm").replace(
        "docs:\n", "fix:\n  safety: unsafe\n  kinds: [share-connection]\n  message: m\n  connection: \"{orm}.connection()\"\ndocs:\n  fix-safety: f\n"
    )
    assert error_of(tmp_path, rule).startswith("rules/x.yaml:5:12: report-at: a rule with fix kinds must report at the raw side")
    load(tmp_path, rule.replace("report-at: orm", "report-at: raw"))  # the same rule reporting at the raw side loads
