"""Every output format, read back by a real consumer: file, line, rule and message survive."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import junitparser
import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.progress import Progress

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
MESSAGE_START = "psycopg2 connection `conn` runs in its own transaction"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "orders.py").write_text(MIX)
    (tmp_path / "app" / "stale.py").write_text("x = 1  # txmix: ignore[TXM003]\n")
    return tmp_path


def report(project: Path, fmt: str, *extra: str) -> str:
    code, out, _ = run_txmix(["check", "--isolated", "--output-format", fmt, *extra, "app"], project)
    assert code == 1
    return out


def test_json_lines(project: Path) -> None:
    items = [json.loads(line) for line in report(project, "json-lines").splitlines()]
    assert [(i["filename"], i["location"]["row"], i["code"]) for i in items] == [("app/orders.py", 7, "TXM001"), ("app/stale.py", 1, "TXM100")]
    assert items[0]["message"].startswith(MESSAGE_START)


def test_sarif_validates_against_the_official_schema_and_keeps_the_finding(project: Path) -> None:
    log = json.loads(report(project, "sarif"))
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["TXM001"]["defaultConfiguration"]["level"] == "error"
    assert "## Why is this bad?" in rules["TXM001"]["help"]["markdown"]
    result = run["results"][0]
    assert result["ruleId"] == "TXM001" and run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "TXM001"
    assert result["message"]["text"].startswith(MESSAGE_START)
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/orders.py"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (7, 12)
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert result["partialFingerprints"]["txmixFingerprint/v1"]


def test_the_sarif_schema_rejects_what_is_not_sarif() -> None:
    """The schema copy must have its root: a validator that accepts anything proves nothing."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({}, SARIF_SCHEMA)
    no_message = {"ruleId": "TXM001", "locations": []}
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "txmix"}}, "results": [no_message]}]}
    with pytest.raises(jsonschema.ValidationError, match="'message' is a required property"):
        jsonschema.validate(log, SARIF_SCHEMA)
    jsonschema.validate({**log, "runs": [{**log["runs"][0], "results": [{**no_message, "message": {"text": "x"}}]}]}, SARIF_SCHEMA)


def test_github_workflow_commands(project: Path) -> None:
    lines = report(project, "github").splitlines()
    found = re.fullmatch(r"::error file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=(\w+)::(.*)", lines[0])
    assert found is not None
    assert found.groups()[:4] == ("app/orders.py", "7", "12", "TXM001")
    assert found.group(5).startswith("TXM001 " + MESSAGE_START)
    assert lines[1].startswith("::warning file=app/stale.py,line=1,")


def test_junit_parses_with_a_junit_parser(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    path.write_text(report(project, "junit"))
    xml = junitparser.JUnitXml.fromfile(str(path))
    cases = [(suite.name, case) for suite in xml for case in suite]
    assert len(cases) == 2
    suite_name, case = cases[0]
    assert suite_name == "app/orders.py" and case.name == "TXM001 at 7:12"
    (failure,) = case.result
    assert failure.type == "TXM001" and failure.message.startswith(MESSAGE_START)


def test_gitlab_code_quality(project: Path) -> None:
    issues = json.loads(report(project, "gitlab"))
    first = issues[0]
    for key in ("description", "check_name", "fingerprint", "severity", "location"):
        assert key in first
    assert (first["check_name"], first["location"]["path"], first["location"]["lines"]["begin"]) == ("TXM001", "app/orders.py", 7)
    assert first["severity"] == "major" and issues[1]["severity"] == "minor"
    assert len({i["fingerprint"] for i in issues}) == 2


def test_output_file_gets_the_report_and_the_terminal_the_summary(project: Path) -> None:
    (project / "out").mkdir()
    code, out, err = run_txmix(["check", "--isolated", "--output-format", "sarif", "--output-file", "out/report.sarif", "app"], project)
    assert code == 1 and out == ""
    assert "Found 2 findings in 2 files" in err
    jsonschema.validate(json.loads((project / "out" / "report.sarif").read_text()), SARIF_SCHEMA)


def test_quiet_prints_findings_only(project: Path) -> None:
    code, out, err = run_txmix(["check", "--isolated", "--quiet", "app"], project)
    assert code == 1 and out.count("\n") == 2 and err == ""


def test_statistics_replaces_the_findings_with_counts_per_rule(project: Path) -> None:
    code, out, _ = run_txmix(["check", "--isolated", "--statistics", "app"], project)
    assert code == 1
    assert out == "    1\tTXM001\t    orm-and-psycopg2-in-one-scope\n    1\tTXM100\t[*] unused-suppression\n"


def test_statistics_marks_unsafe_fixes_only_with_unsafe_fixes(project: Path) -> None:
    _, out, _ = run_txmix(["check", "--isolated", "--statistics", "--unsafe-fixes", "app"], project)
    assert "    1\tTXM001\t[*] orm-and-psycopg2-in-one-scope\n" in out


def test_statistics_with_json_output_is_json(project: Path) -> None:
    _, out, _ = run_txmix(["check", "--isolated", "--statistics", "--output-format", "json", "app"], project)
    assert json.loads(out) == [
        {"code": "TXM001", "name": "orm-and-psycopg2-in-one-scope", "count": 1, "fixable": False},
        {"code": "TXM100", "name": "unused-suppression", "count": 1, "fixable": True},
    ]


def test_colour_only_when_asked_or_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in run_txmix(["check", "--isolated", "app"], project)[1]  # not a TTY
    coloured = run_txmix(["check", "--isolated", "--color", "always", "app"], project)[1]
    assert "\x1b[1mapp/orders.py:7:12:\x1b[0m \x1b[31m\x1b[1mTXM001\x1b[0m" in coloured
    assert "\x1b[" not in run_txmix(["check", "--isolated", "--color", "never", "app"], project)[1]


def test_force_color_forces_colour_and_no_color_stops_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31m\x1b[1mTXM001" in run_txmix(["check", "--isolated", "app"], project)[1]
    assert "\x1b[" not in run_txmix(["check", "--isolated", "--color", "never", "app"], project)[1]
    monkeypatch.setenv("FORCE_COLOR", "")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_txmix(["check", "--isolated", "app"], project)[1]


def test_progress_line_appears_only_after_the_delay_and_is_cleared() -> None:
    import io

    stream = io.StringIO()
    quick = Progress(stream, delay=3600)
    quick.tick(10)
    quick.finish()
    assert stream.getvalue() == ""
    slow = Progress(stream, delay=0)
    slow.tick(10)
    slow.finish()
    assert stream.getvalue() == "\rtxmix: 10 files checked...\r\x1b[K"


def test_progress_is_off_in_pre_commit_and_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert Progress.for_terminal().stream is None
    monkeypatch.delenv("PRE_COMMIT")
    monkeypatch.setenv("CI", "true")
    assert Progress.for_terminal().stream is None


@pytest.fixture()
def with_undecodable(project: Path) -> Path:
    (project / "app" / "broken.py").write_bytes(b"x = 1\ny = '\xff'\n")
    return project


def report_with_error(project: Path, fmt: str) -> str:
    code, out, err = run_txmix(["check", "--isolated", "--output-format", fmt, "app"], project)
    assert code == 2 and "app/broken.py:2:6: cannot decode as utf-8" in err
    return out


def test_sarif_marks_the_run_unsuccessful_for_a_file_it_could_not_check(with_undecodable: Path) -> None:
    log = json.loads(report_with_error(with_undecodable, "sarif"))
    jsonschema.validate(log, SARIF_SCHEMA)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("cannot decode as utf-8")
    region = note["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "app/broken.py" and region["region"]["startLine"] == 2
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["TXM001", "TXM100"]


def test_sarif_run_without_errors_is_successful(project: Path) -> None:
    (invocation,) = json.loads(report(project, "sarif"))["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_junit_has_an_error_case_for_a_file_it_could_not_check(with_undecodable: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    path.write_text(report_with_error(with_undecodable, "junit"))
    xml = junitparser.JUnitXml.fromfile(str(path))
    errors = [(suite.name, result) for suite in xml for case in suite for result in case.result if isinstance(result, junitparser.Error)]
    assert len(errors) == 1 and errors[0][0] == "app/broken.py" and errors[0][1].message.startswith("cannot decode as utf-8")


def test_github_annotates_a_file_it_could_not_check(with_undecodable: Path) -> None:
    first = report_with_error(with_undecodable, "github").splitlines()[0]
    assert first.startswith("::error file=app/broken.py,line=2,col=6,title=txmix::could not check: cannot decode as utf-8")


def test_gitlab_has_an_issue_for_a_file_it_could_not_check(with_undecodable: Path) -> None:
    issues = json.loads(report_with_error(with_undecodable, "gitlab"))
    assert issues[0]["check_name"] == "txmix-error" and issues[0]["location"] == {"path": "app/broken.py", "lines": {"begin": 2, "end": 2}}
    assert len({i["fingerprint"] for i in issues}) == 3


@pytest.mark.parametrize("fmt", ["json", "json-lines"])
def test_json_lists_a_file_it_could_not_check_with_a_null_code(with_undecodable: Path, fmt: str) -> None:
    out = report_with_error(with_undecodable, fmt)
    items = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert [i["code"] for i in items] == [None, "TXM001", "TXM100"]
    assert items[0]["filename"] == "app/broken.py" and items[0]["location"] == {"row": 2, "column": 6}
