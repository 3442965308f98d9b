"""The README's own snippets, so tests run exactly what users paste."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def section(title: str, text: str | None = None) -> str:
    """The body of the ``## title`` section (up to the next heading of the same level)."""
    text = README.read_text(encoding="utf-8") if text is None else text
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found is not None, f"README has no '## {title}' section"
    return found.group(1)


def fenced_blocks(title: str, language: str) -> list[str]:
    """Every fenced ``language`` code block of a README section, in order."""
    return re.findall(rf"^```{re.escape(language)}\n(.*?)^```", section(title), re.M | re.S)
