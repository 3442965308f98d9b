"""A bad rule file stops the run before any file is read: one line naming the rule file, exit 2.

Each case here once crashed, hung or aborted the run at its first finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.helpers import BUILTIN_RULE, MIX, assert_no_crash, one_error_line, project_with_mix, txmix


def _rule_folder(root: Path, text: str) -> Path:
    folder = root / "myrules"
    folder.mkdir()
    (folder / "bad.yaml").write_text(text)
    return folder


def _user_rule(**changes: str) -> str:
    """The built-in TXM001 rule as a user rule (new id and name), with top-level lines changed."""
    text = BUILTIN_RULE.read_text().replace("id: TXM001", "id: ABC001").replace("name: orm-and-psycopg2-in-one-scope", "name: my-rule")
    for key, value in changes.items():
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" "))
        text = "\n".join([*lines[:start], f"{key}: {value}", *lines[end:]]) + "\n"
    return text


def _run_with_rules(root: Path, text: str) -> tuple[int, str, str]:
    _rule_folder(root, text)
    return txmix(["check", "--isolated", "--extend-rules", "myrules", "good.py"], root)


def test_the_user_rule_helper_builds_a_rule_that_loads(tmp_path: Path) -> None:
    code, out, err = _run_with_rules(project_with_mix(tmp_path), _user_rule())
    assert code == 1 and "ABC001" in out, err


@pytest.mark.parametrize("placeholder", ["{raw:d}", "{raw!z}", "{raw:>99999999999}", "{raw:>1000000000}", "{raw!r}"])
def test_a_message_format_spec_or_conversion_is_refused_at_load(tmp_path: Path, placeholder: str) -> None:
    code, out, err = _run_with_rules(project_with_mix(tmp_path), _user_rule(message=f'"{placeholder} runs apart"'))
    assert code == 2 and out == ""
    assert_no_crash(err)
    one_error_line(err, "bad.yaml", "message")


def test_rule_test_refuses_a_format_spec_too(tmp_path: Path) -> None:
    folder = _rule_folder(tmp_path, _user_rule(message='"{raw:>1000000000}"'))
    code, _, err = txmix(["rule", "test", "--isolated", str(folder)], tmp_path)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "bad.yaml", "format spec")


def test_a_user_rule_may_not_take_the_engine_rule_id(tmp_path: Path) -> None:
    code, _, err = _run_with_rules(project_with_mix(tmp_path), _user_rule().replace("id: ABC001", "id: TXM100"))
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "bad.yaml:1:5", "TXM100", "unused-suppression")


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a: &a [*a]\n", "recursive alias"),
        ("a: !!python/name:os.system x\n", "unsupported YAML tag"),
        ("a: !custom x\n", "unsupported YAML tag"),
        ("a: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
        ("a: " + "[" * 80 + "]" * 80 + "\n", "nested more than 64 levels"),
    ],
    ids=["recursive-alias", "python-tag", "custom-tag", "deep-flow", "deep-but-parseable"],
)
def test_hostile_yaml_is_one_error_naming_the_rule_file(tmp_path: Path, yaml_text: str, expected: str) -> None:
    code, _, err = _run_with_rules(project_with_mix(tmp_path), yaml_text)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "bad.yaml", expected)


def test_alias_expansion_is_limited_in_bytes_not_only_nodes(tmp_path: Path) -> None:
    """50 x 50 aliases of a 100 KB string: 2,600 nodes, within the node limit, but 250 MB of text."""
    text = 'a: &a "' + "x" * 100_000 + '"\nb: &b [' + ", ".join(["*a"] * 50) + "]\nc: [" + ", ".join(["*b"] * 50) + "]\n"
    code, _, err = _run_with_rules(project_with_mix(tmp_path), text)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "bad.yaml", "bytes of text")


def _query_rule(query: str) -> str:
    """A user rule whose ORM side is the built-in session set plus one extra query."""
    text = _user_rule()
    replaced = text.replace("  orm: { ref: sqlalchemy-session }", "  orm:\n    extends: sqlalchemy-session\n    queries:\n      - " + query, 1)
    assert replaced != text
    return replaced


def _project_mixing_through(tmp_path: Path, name: str) -> Path:
    """A mix whose ORM side is only ``name`` (``name.add(order)``): only the extra query sees it,
    since a mix of the built-in sets alone is TXM001's, never the extending rule's."""
    root = project_with_mix(tmp_path)
    (root / "good.py").write_text(MIX.replace("db: Session, order", "order").replace("db.add", f"{name}.add"))
    return root


def test_the_query_rule_helper_builds_a_rule_that_loads(tmp_path: Path) -> None:
    code, out, err = _run_with_rules(_project_mixing_through(tmp_path, "zz"), _query_rule("'((identifier) @id (#eq? @id \"zz\"))'"))
    assert code == 1 and "ABC001" in out, err


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("'" + "(" * 50_000 + "_" + ")" * 50_000 + "'", "nests deeper than 64"),
        ("'((identifier) @id (#eq? @id \"" + "x" * 100_001 + "\"))'", "longer than 100000 bytes"),
        ("'[" + " ".join(f'((identifier) @a (#eq? @a \"n{i}\"))' for i in range(1500)) + "]'", "more than 1000"),
        ("'((identifier) @id (#match? @id \"^(a+)+$\"))'", "repeat inside a repeat"),
        ("'((identifier) @id (#not-match? @id \"(a|ab)*c\"))'", "alternation under a repeat"),
        ("'((identifier) @id (#match? @id \".*x\"))'", "must start with ^"),
        ("'((identifier) @id (#match? @id \"^a*b*c\"))'", "more than one unbounded repeat"),
        ("'((identifier) @id (#match? @id \"" + "(" * 5000 + "a" + ")" * 5000 + "\"))'", "groups nested too deeply"),
    ],
    ids=["nested-50000", "100KB", "1500-alternatives", "nested-quantifier", "quantified-alternation", "unanchored", "two-repeats", "regex-nested-5000"],
)
def test_costly_queries_are_refused_at_load(tmp_path: Path, query: str, expected: str) -> None:
    code, _, err = _run_with_rules(project_with_mix(tmp_path), _query_rule(query))
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "bad.yaml", "queries[", expected)


def test_a_safe_match_regex_is_accepted_and_used(tmp_path: Path) -> None:
    root = _project_mixing_through(tmp_path, "zz_uow")
    code, out, err = _run_with_rules(root, _query_rule("'((identifier) @id (#match? @id \"^zz_[a-z]*$\"))'"))
    assert code == 1 and "ABC001" in out, err
