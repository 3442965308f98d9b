"""Every link in the README and docs leads somewhere real: a file, a heading, or a real URL."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.report.sarif import information_uri

PROJECT = Path(__file__).resolve().parents[1]
DOCS = sorted([PROJECT / "README.md", *(PROJECT / "docs").glob("*.md"), *(PROJECT / "examples").rglob("*.md")])
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
URL = re.compile(r"https?://[^\s)`\"']+")


def prose(text: str) -> str:
    """The text outside fenced code blocks (links there are examples, not links)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def anchors(markdown: str) -> set[str]:
    """GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#{1,6} (.+)$", prose(markdown), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def links() -> list[tuple[Path, str]]:
    return [(doc, target) for doc in DOCS for target in LINK.findall(prose(doc.read_text(encoding="utf-8")))]


@pytest.mark.parametrize(("doc", "target"), links(), ids=lambda v: str(v.relative_to(PROJECT)) if isinstance(v, Path) else v)
def test_relative_link_resolves_to_a_file_or_heading(doc: Path, target: str) -> None:
    if target.startswith(("http://", "https://", "mailto:")):
        return  # checked for placeholders below
    path, _, anchor = target.partition("#")
    resolved = (doc.parent / path) if path else doc
    assert resolved.exists(), f"{doc.relative_to(PROJECT)}: link to missing {target}"
    if anchor:
        assert anchor in anchors(resolved.read_text(encoding="utf-8")), f"{doc.relative_to(PROJECT)}: no heading #{anchor} in {path or doc.name}"


def test_no_url_in_the_docs_is_a_placeholder() -> None:
    urls = [(doc.name, url) for doc in DOCS for url in URL.findall(doc.read_text(encoding="utf-8"))]
    assert urls, "the URL pattern should see at least the links the docs have"
    assert [u for u in urls if re.search(r"[<>]|example\.(com|org)|OWNER|<you>", u[1])] == []


def test_the_link_checker_catches_a_broken_link(tmp_path: Path) -> None:
    assert "install" in anchors("## Install\n") and "use-with-pre-commit" in anchors("## Use with pre-commit\n")
    assert LINK.findall(prose("see [x](docs/none.md)\n```\n[y](z.md)\n```\n")) == ["docs/none.md"]


def test_sarif_information_uri_is_the_declared_project_url_or_absent(tmp_path: Path) -> None:
    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"].get("urls", {})
    (tmp_path / "orders.py").write_text(MIX)
    _, out, _ = run_txmix(["check", "--isolated", "--output-format", "sarif", "orders.py"], tmp_path)
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") in (set(declared.values()) if declared else {None})
    assert information_uri(["Homepage, https://h.example", "Documentation, https://d.example"]) == "https://d.example"
    assert information_uri(["Changelog, https://c.example"]) is None
