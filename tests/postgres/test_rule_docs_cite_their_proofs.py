"""Each built-in rule's "Why is this bad?" names the proof that shows its symptom, and it exists."""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import run_txmix
from txmix_hook.rules.loader import load_rulebook

TESTS = Path(__file__).resolve().parents[1]


def test_every_builtin_rule_cites_an_existing_proof(tmp_path: Path) -> None:
    for rule in load_rulebook().rules.values():
        cited = re.findall(r"tests/postgres/(test_\w+\.py)(?:::(test_\w+))?", rule.docs["why"])
        assert cited, f"{rule.id} does not cite its PostgreSQL proof"
        for file_name, _ in cited:
            proof = (TESTS / "postgres" / file_name).read_text()
            named = re.findall(r"\((test_\w+)\)|::(test_\w+)", rule.docs["why"])
            for function in [a or b for a, b in named]:
                assert f"def {function}(" in proof, f"{rule.id} cites {function}, which {file_name} does not define"
        _, out, _ = run_txmix(["rule", "explain", rule.id], tmp_path)
        assert f"tests/postgres/{cited[0][0]}" in out
