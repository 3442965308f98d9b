"""Inline and file-level suppressions, and TXM100 for the ones that suppress nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix


def check(tmp_path: Path, code: str, *args: str) -> tuple[int, str, str]:
    (tmp_path / "app.py").write_text(code)
    return run_txmix(["check", "--isolated", *args, "app.py"], tmp_path)


def with_comment(line_no: int, comment: str, code: str = MIX) -> str:
    lines = code.splitlines()
    lines[line_no - 1] += f"  {comment}"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("comment", [
    "# txmix: ignore[TXM001]",
    "# txmix: ignore",
    "# txmix: ignore[TXM001] -- reporting query, read-only",
    "# noqa: TXM001",
    "# noqa",
    "# noqa: E501, TXM001",
    "# TXMIX: IGNORE[TXM001]",
])
def test_suppression_on_the_finding_line(tmp_path: Path, comment: str) -> None:
    code, out, err = check(tmp_path, with_comment(7, comment))
    assert code == 0, out
    assert "1 suppressed" in err


def test_suppression_on_the_related_orm_line(tmp_path: Path) -> None:
    assert check(tmp_path, with_comment(6, "# txmix: ignore[TXM001]"))[0] == 0


def test_suppression_on_the_def_line(tmp_path: Path) -> None:
    assert check(tmp_path, with_comment(5, "# txmix: ignore[TXM001]"))[0] == 0


def test_suppression_for_another_rule_does_not_hide_the_finding(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, with_comment(7, "# txmix: ignore[TXM003]"))
    assert code == 1
    assert "app.py:7:12: TXM001" in out
    assert "app.py:7:45: TXM100 unused suppression code TXM003 in `# txmix: ignore[TXM003]`" in out


def test_a_listed_code_that_suppresses_nothing_is_reported_while_the_rest_works(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, with_comment(7, "# txmix: ignore[TXM001, TXM003]"))
    assert code == 1
    assert out == "app.py:7:45: TXM100 unused suppression code TXM003 in `# txmix: ignore[TXM001, TXM003]`: no such finding here; remove it\n"


def test_noqa_for_other_tools_only_does_not_hide_the_finding(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, with_comment(7, "# noqa: E501"))
    assert code == 1 and "TXM001" in out and "TXM100" not in out


def test_suppression_text_inside_a_string_does_not_count(tmp_path: Path) -> None:
    text = MIX.replace('psycopg2.connect("dbname=shop")', 'psycopg2.connect("dbname=shop # txmix: ignore[TXM001]")')
    code, out, _ = check(tmp_path, text)
    assert code == 1 and "TXM001" in out


@pytest.mark.parametrize("header", ["# txmix: ignore-file", "# txmix: ignore-file[TXM001]", "#!/usr/bin/env python\n# txmix: ignore-file[TXM001]"])
def test_file_level_suppression_in_the_first_comment_block(tmp_path: Path, header: str) -> None:
    assert check(tmp_path, header + "\n" + MIX)[0] == 0


def test_file_level_suppression_for_another_code_keeps_the_finding(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, "# txmix: ignore-file[TXM003]\n" + MIX)
    assert code == 1 and "TXM001" in out and "TXM100 unused suppression code TXM003" in out


def test_file_level_suppression_after_code_is_reported_not_honoured(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, MIX + "# txmix: ignore-file\n")
    assert code == 1
    assert "TXM001" in out
    assert "app.py:9:1: TXM100 `# txmix: ignore-file` is ignored: file-level suppressions belong in the file's first comment block" in out


def test_unused_blanket_suppression_is_reported_with_a_removal_fix(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, "x = 1  # txmix: ignore -- old\n", "--output-format", "json")
    assert code == 1
    (item,) = json.loads(out)
    assert item["code"] == "TXM100"
    assert item["message"] == "unused suppression `# txmix: ignore -- old`: nothing is reported here; remove it"
    assert item["fix"] == {
        "message": "Remove the unused suppression",
        "applicability": "safe",
        "edits": [{"content": "", "location": {"row": 1, "column": 6}, "end_location": {"row": 1, "column": 30}}],
    }


def test_unknown_code_in_a_suppression_is_reported(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, with_comment(7, "# txmix: ignore[TXM001, TXM999]"), "--output-format", "json")
    (item,) = json.loads(out)
    assert code == 1 and item["message"] == "suppression `# txmix: ignore[TXM001, TXM999]` names unknown rule code TXM999; remove or correct it"
    assert item["fix"]["message"] == "Remove TXM999 from the suppression"
    assert item["fix"]["edits"][0]["content"] == "# txmix: ignore[TXM001]"


def test_stale_code_in_a_shared_noqa_keeps_the_other_tools_codes(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, "x = 1  # noqa: E501, TXM002\n", "--output-format", "json")
    (item,) = json.loads(out)
    assert item["fix"]["edits"][0]["content"] == "# noqa: E501"


def test_unused_suppression_rule_can_be_ignored(tmp_path: Path) -> None:
    assert check(tmp_path, "x = 1  # txmix: ignore[TXM001]\n", "--ignore", "TXM100")[0] == 0


def test_suppression_for_a_rule_that_is_not_selected_is_not_reported(tmp_path: Path) -> None:
    assert check(tmp_path, "x = 1  # txmix: ignore[TXM001]\n", "--select", "TXM003,TXM100")[0] == 0


def test_a_whole_line_comment_is_removed_with_its_line(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, "# txmix: ignore[TXM001]\nx = 1\n", "--output-format", "json")
    (item,) = json.loads(out)
    edit = item["fix"]["edits"][0]
    assert (edit["location"], edit["end_location"], edit["content"]) == ({"row": 1, "column": 1}, {"row": 2, "column": 1}, "")


@pytest.mark.parametrize("text", [
    "# noqa", "# noqa: E501", "# NOQA:E501,W291", "# type: ignore  # noqa", "# see txm001 later",
    "# noqa: TXM001", "# noqa: E501, TXM001", "# txmix: ignore", "# TXMIX: IGNORE[TXM001]",
    "# txmix: ignore-file[TXM002] -- legacy", "# txm\u0131x: ignore",
])
def test_only_comments_that_may_be_reported_as_unused_are_parsed_in_a_file_without_findings(text: str) -> None:
    """A run reads every file's comments; those of a file without findings are parsed only
    when a directive in them could be reported as unused, never when they are bare or other
    tools' ``noqa`` comments. The quick test must not miss one the parser would report."""
    from txmix_hook.engine.comments import Comment
    from txmix_hook.suppress import may_report_unused, parse_directives

    comment = Comment(1, 1, len(text) + 1, text)
    reportable = [d for d in parse_directives([comment]) if not (d.style == "noqa" and d.codes is None)]
    assert may_report_unused([comment]) == bool(reportable)
