"""Where rule files are: kept apart from the loader so finding them imports no YAML or
tree-sitter (the rule-book cache looks at them on every run before deciding to load)."""

from __future__ import annotations

from pathlib import Path

from txmix_hook.rules.errors import RuleError


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the wheel as ``txmix_hook/builtin_rules``, or ``rules/`` in a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "builtin_rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def rule_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise RuleError(str(folder), 1, 1, "", "rule folder does not exist")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
