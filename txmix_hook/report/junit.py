"""``--output-format junit``: one test suite per file, one failing test case per finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from txmix_hook.finding import Finding
from txmix_hook.report.errors import FileError


def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.filename].append(f)
    root = ET.Element("testsuites", name="txmix", tests=str(len(findings)), failures=str(len(findings)))
    for filename, items in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=filename, tests=str(len(items)), failures=str(len(items)))
        for f in items:
            case = ET.SubElement(suite, "testcase", classname=filename, name=f"{f.code} at {f.location.row}:{f.location.column}", file=filename, line=str(f.location.row))
            failure = ET.SubElement(case, "failure", message=f.message, type=f.code)
            failure.text = f"{f.filename}:{f.location.row}:{f.location.column}: {f.code} {f.message}"
    for e in errors:
        suite = ET.SubElement(root, "testsuite", name=e.filename, tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname=e.filename, name="could not check", file=e.filename, line=str(e.row))
        error = ET.SubElement(case, "error", message=e.message, type="txmix-error")
        error.text = f"{e.filename}:{e.row}:{e.column}: {e.message}"
    if errors:
        root.set("tests", str(len(findings) + len(errors)))
        root.set("errors", str(len(errors)))
    if not findings and not errors:
        suite = ET.SubElement(root, "testsuite", name="txmix", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="txmix", name="no findings")
        root.set("tests", "1")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
