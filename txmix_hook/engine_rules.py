"""Rules the engine itself reports (not YAML pattern rules): today, unused suppressions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineRule:
    id: str
    name: str
    severity: str
    docs: dict[str, str]


UNUSED_SUPPRESSION = EngineRule(
    id="TXM100",
    name="unused-suppression",
    severity="warning",
    docs={
        "what": "Finds `# txmix: ignore[...]` / `# noqa: TXM...` comments that suppress nothing, name an"
        " unknown rule code, or are file-level directives outside the file's first comment block.",
        "why": "A stale suppression hides the next real mix that lands on that line, and tells readers"
        " a hazard exists where there is none (ruff's RUF100 idea).",
        "example": "def report(db: Session):\n    db.execute(text('SELECT 1'))  # txmix: ignore[TXM001]\n",
        "use-instead": "def report(db: Session):\n    db.execute(text('SELECT 1'))\n",
        "fix-safety": "Safe: the fix removes only the codes that suppress nothing (or the whole directive"
        " when none is left); other tools' codes in a shared `# noqa` comment are kept.",
    },
)

ENGINE_RULES: dict[str, EngineRule] = {rule.id: rule for rule in (UNUSED_SUPPRESSION,)}
