"""Custom rules in YAML alone: extend, override, test, explain, scaffold, and the schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from cli_helpers import run_txmix
from txmix_hook.rules.errors import RuleError
from txmix_hook.rules.loader import load_rulebook
from txmix_hook.rules.schema import FILE_SCHEMA

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE = PROJECT / "examples" / "custom-rules"


@pytest.fixture()
def acme(tmp_path: Path) -> Path:
    target = tmp_path / "custom-rules"
    shutil.copytree(EXAMPLE, target)
    return target


# ---- a user rule that extends a built-in set catches a mix the built-ins miss ----------------

def test_check_finds_the_mix_only_with_the_custom_rule(acme: Path) -> None:
    code, out, _ = run_txmix(["check", "app"], acme)
    assert code == 1
    assert out.startswith("app/billing.py:9:16: ACME001 raw connection from get_raw_conn() `conn` runs outside the unit of work")
    assert run_txmix(["check", "--isolated", "app"], acme)[:2] == (0, "")


def test_rule_test_runs_embedded_and_beside_file_cases(acme: Path) -> None:
    code, out, err = run_txmix(["rule", "test", "txmix-rules"], acme)
    assert (code, out) == (0, "5 passed, 0 failed\n")
    assert "no tests" not in err


def test_rule_test_without_paths_covers_builtins_and_extend_rules(acme: Path) -> None:
    code, out, _ = run_txmix(["rule", "test"], acme)
    assert code == 0 and out.endswith("22 passed, 0 failed\n")


def test_builtin_rules_pass_rule_test(tmp_path: Path) -> None:
    code, out, err = run_txmix(["rule", "test", "--isolated"], tmp_path)
    assert code == 0 and re.fullmatch(r"\d+ passed, 0 failed\n", out), out + err


def test_failing_cases_are_reported_with_file_line_expected_and_got(acme: Path) -> None:
    cases = acme / "txmix-rules" / "acme.py"
    cases.write_text(cases.read_text().replace("    # ok: ACME001\n    return get_raw_conn()", "    # ruleid: ACME001\n    return get_raw_conn()"))
    code, out, _ = run_txmix(["rule", "test", "txmix-rules"], acme)
    assert code == 1
    assert "FAIL txmix-rules/acme.py:16: expected ACME001 (# ruleid), got no finding\n" in out
    assert out.endswith("4 passed, 1 failed\n")


def test_failing_embedded_example_points_into_the_rule_file(acme: Path) -> None:
    rule = acme / "txmix-rules" / "acme.yaml"
    rule.write_text(rule.read_text().replace("conn = get_raw_conn()\n", "conn = 1\n", 1))
    code, out, _ = run_txmix(["rule", "test", "txmix-rules"], acme)
    assert code == 1
    line = next(n for n, text in enumerate(rule.read_text().splitlines(), 1) if text.strip() == "conn = 1")
    assert f"FAIL txmix-rules/acme.yaml:{line}: expected ACME001 on this line (invalid example), got no finding" in out


def test_a_rule_without_tests_gets_a_warning(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "id: ACME9\nname: x\nseverity: info\nscope: function\nreport-at: raw\nmessage: m\n"
        "sides:\n  orm: { ref: sqlalchemy-session }\n  raw: { ref: psycopg2-connection }\n"
        "docs: {what: w, why: y, example: e, use-instead: u}\n"
    )
    code, out, err = run_txmix(["rule", "test", "--isolated", "r.yaml"], tmp_path)
    assert code == 0 and out == "0 passed, 0 failed\n"
    assert "warning: ACME9 (r.yaml) has no tests" in err


# ---- overrides ------------------------------------------------------------------------------

def write_rules(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "over.yaml").write_text(text)
    return folder


def test_override_changes_a_builtin_severity_and_can_disable_one(tmp_path: Path) -> None:
    folder = write_rules(tmp_path, "id: TXM005\noverride: true\nseverity: error\n---\nid: TXM004\noverride: true\nenabled: false\n")
    book = load_rulebook([folder])
    assert book.rules["TXM005"].severity == "error"
    assert book.rules["TXM004"].enabled is False
    code, out, _ = run_txmix(["rule", "list", "--isolated", "--extend-rules", "rules"], tmp_path)
    assert re.search(r"TXM004 .* \(disabled\)", out)
    (tmp_path / "app.py").write_text("from sqlalchemy.orm import Session\n\ndef f(db: Session, engine):\n    db.add(1)\n    engine.raw_connection()\n")
    assert run_txmix(["check", "--isolated", "--extend-rules", "rules", "app.py"], tmp_path)[0] == 0


def test_a_colliding_id_without_override_is_an_error(tmp_path: Path) -> None:
    folder = write_rules(tmp_path, (EXAMPLE / "txmix-rules" / "acme.yaml").read_text().replace("id: ACME001", "id: TXM001"))
    with pytest.raises(RuleError, match="rule TXM001 is already defined in .* \\(say `override: true` to replace it\\)"):
        load_rulebook([folder])


def test_overriding_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no rule TXM999 to override"):
        load_rulebook([write_rules(tmp_path, "id: TXM999\noverride: true\nseverity: info\n")])


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    folder = write_rules(tmp_path, "pattern-set: a\nextends: b\nlabel: a\n---\npattern-set: b\nextends: a\nlabel: b\n")
    with pytest.raises(RuleError, match="extends itself"):
        load_rulebook([folder])


# ---- explain, list, new ---------------------------------------------------------------------

def test_explain_prints_every_docs_section(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["rule", "explain", "TXM001"], tmp_path)
    assert code == 0
    for title in ("TXM001 (orm-and-psycopg2-in-one-scope)", "## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert title in out
    assert run_txmix(["rule", "explain", "TXM100"], tmp_path)[0] == 0


def test_explain_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_txmix(["rule", "explain", "NOPE1"], tmp_path)
    assert code == 2 and 'unknown rule code "NOPE1"' in err


def test_list_shows_fix_availability_and_origin(acme: Path) -> None:
    _, out, _ = run_txmix(["rule", "list"], acme)
    assert re.search(r"^ACME001 +unit-of-work-and-raw-helper-in-one-scope +error +function +suggestion +txmix-rules/acme.yaml$", out, re.M)
    assert re.search(r"^TXM001 .* unsafe +built-in$", out, re.M)


def test_new_scaffold_loads_and_passes_its_own_tests(tmp_path: Path) -> None:
    code, _, err = run_txmix(["rule", "new", "ACME042", "--name", "orm-and-ledger", "--output", "acme042.yaml"], tmp_path)
    assert code == 0 and "Wrote acme042.yaml" in err
    text = (tmp_path / "acme042.yaml").read_text()
    for key in ("id: ACME042", "name: orm-and-ledger", "sides:", "fix:", "docs:", "what:", "why:", "example:", "use-instead:", "fix-safety:", "invalid:", "valid:"):
        assert key in text
    assert run_txmix(["rule", "test", "--isolated", "acme042.yaml"], tmp_path)[1] == "2 passed, 0 failed\n"
    code, _, err = run_txmix(["rule", "new", "ACME042", "--output", "acme042.yaml"], tmp_path)
    assert code == 2 and "already exists" in err


# ---- the schema and the loader agree ---------------------------------------------------------

def builtin_documents() -> list[dict]:
    docs = []
    for path in sorted((PROJECT / "rules").rglob("*.yaml")) + [EXAMPLE / "txmix-rules" / "acme.yaml"]:
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    return docs


def test_every_builtin_document_validates_against_the_json_schema() -> None:
    jsonschema.Draft7Validator.check_schema(FILE_SCHEMA)
    for document in builtin_documents():
        jsonschema.validate(document, FILE_SCHEMA)


def test_shipped_schema_file_matches_rule_schema_output(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["rule", "schema"], tmp_path)
    assert code == 0
    assert json.loads(out) == json.loads((PROJECT / "docs" / "rule-schema.json").read_text()) == FILE_SCHEMA


BROKEN = {
    "unknown-key": {"colour": "red"},
    "bad-severity": {"severity": "fatal"},
    "bad-id": {"id": "acme-1"},
    "missing-docs": {"docs": None},
    "bad-scope": {"scope": "galaxy"},
    "bad-value-source": {"sides": {"orm": {"ref": "sqlalchemy-session"}, "raw": {"label": "x", "values": [{"call": "a..b"}]}}},
    "two-value-kinds": {"sides": {"orm": {"ref": "sqlalchemy-session"}, "raw": {"label": "x", "values": [{"call": "a.b", "annotation": "a.B"}]}}},
    "one-side": {"sides": {"orm": {"ref": "sqlalchemy-session"}}},
    "bad-fix-safety": {"fix": {"safety": "maybe", "message": "m"}},
    "override-not-true": {"override": "yes"},
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_rules_are_rejected_by_both_schema_and_loader(tmp_path: Path, name: str) -> None:
    document = yaml.safe_load((EXAMPLE / "txmix-rules" / "acme.yaml").read_text().split("---\n")[1])
    document.update(BROKEN[name])
    document = {k: v for k, v in document.items() if v is not None}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, FILE_SCHEMA)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "x.yaml").write_text(yaml.safe_dump(document))
    with pytest.raises(RuleError):
        load_rulebook([folder])


def test_every_yaml_example_in_docs_rules_md_loads(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", (PROJECT / "docs" / "rules.md").read_text(), re.S)
    assert len(blocks) >= 6
    for i, block in enumerate(blocks):
        folder = tmp_path / f"doc{i}"
        folder.mkdir()
        (folder / "example.yaml").write_text(block)
        load_rulebook([folder])
