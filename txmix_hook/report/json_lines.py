"""``--output-format json-lines``: one JSON object per line, the same objects as ``json``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from txmix_hook.finding import Finding
from txmix_hook.report.errors import FileError
from txmix_hook.report.json_format import error_to_dict, finding_to_dict


def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    return "".join(json.dumps(item) + "\n" for item in [*map(error_to_dict, errors), *map(finding_to_dict, findings)])
