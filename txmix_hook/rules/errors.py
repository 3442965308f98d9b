"""One error type for every problem in a rule file, always carrying file:line:col and key path."""

from __future__ import annotations


class RuleError(Exception):
    def __init__(self, file: str, line: int, column: int, key_path: str, message: str) -> None:
        self.file, self.line, self.column = file, line, column
        self.key_path, self.message = key_path, message
        where = f"{key_path}: " if key_path else ""
        super().__init__(f"{file}:{line}:{column}: {where}{message}")


def format_key_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
