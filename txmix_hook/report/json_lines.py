"""``--output-format json-lines``: one JSON object per line, the same objects as ``json``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from txmix_hook.finding import Finding
from txmix_hook.report.json_format import finding_to_dict


def render(findings: Sequence[Finding]) -> str:
    return "".join(json.dumps(finding_to_dict(f)) + "\n" for f in findings)
