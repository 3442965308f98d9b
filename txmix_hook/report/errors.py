"""Files txmix could not check, as the reports carry them.

A run that skipped a file must say so where CI reads the result, not only on stderr: SARIF
marks the invocation unsuccessful, JUnit adds an error case, GitHub an ``::error``, GitLab an
issue, JSON an entry whose ``code`` is null (as ruff does for files it cannot analyse).
The runner reports a skipped file as one ``path:row:col: message`` line; this is the one
place that reads it back.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_LINE = re.compile(r"^(?P<file>.+?):(?P<row>\d+):(?P<col>\d+): (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class FileError:
    filename: str
    row: int
    column: int
    message: str

    @classmethod
    def parse(cls, line: str) -> FileError:
        found = _LINE.match(line)
        if found is None:
            return cls("", 1, 1, line)
        return cls(found["file"], int(found["row"]), int(found["col"]), found["message"])

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"error:{self.filename}:{self.message}".encode()).hexdigest()[:32]
