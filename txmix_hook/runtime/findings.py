"""What the guard reports: one raw statement that ran beside an open ORM transaction."""

from __future__ import annotations

from dataclasses import dataclass

from txmix_hook.runtime.rules import RULES
from txmix_hook.runtime.sites import Site

_STATEMENT_CHARS = 80


@dataclass(frozen=True)
class RuntimeFinding:
    rule: str
    statement: str
    raw_site: Site  # where the user's code ran the raw statement
    began_at: Site  # where the session's work began: its first add() or its transaction
    last_wrote_at: Site | None  # where the session last flushed, if it has

    @property
    def name(self) -> str:
        return RULES[self.rule].name

    @property
    def orm_site(self) -> Site:
        """The ORM side a reader should look at: the last write, else the beginning."""
        return self.last_wrote_at or self.began_at

    @property
    def key(self) -> tuple[str, Site, Site]:
        """Same rule, same raw line, same ORM line: one finding however often it ran."""
        return self.rule, self.raw_site, self.orm_site

    def message(self) -> str:
        orm = f"began at {self.began_at}"
        if self.last_wrote_at is not None:
            orm += f", last flushed at {self.last_wrote_at}"
        return (
            f"{self.rule} {self.name}: {RULES[self.rule].raw_side} ran `{self.statement}` at {self.raw_site} "
            f"while a session's ORM work is open ({orm}); the two do not share a transaction: run the SQL "
            f"through the session (`session.execute(text(...))` or `session.connection()`)"
        )

    def __str__(self) -> str:
        return self.message()


def short_statement(statement: object) -> str:
    """One line, at most 80 characters, of whatever the driver was given (str, bytes, Composed...)."""
    if isinstance(statement, bytes):
        text = statement.decode("utf-8", "replace")
    elif isinstance(statement, str):
        text = statement
    else:
        text = getattr(statement, "text", None) or type(statement).__name__
        text = text if isinstance(text, str) else repr(statement)
    text = " ".join(text.split())
    return text if len(text) <= _STATEMENT_CHARS else text[: _STATEMENT_CHARS - 3] + "..."


class _CarriesFinding(Exception):
    """Its message is the finding's; ``.finding`` holds the details (and survives pickling)."""

    def __init__(self, finding: RuntimeFinding) -> None:
        super().__init__(finding.message())
        self.finding = finding

    def __reduce__(self) -> tuple[type, tuple[RuntimeFinding]]:
        return type(self), (self.finding,)


class TxMixWarning(_CarriesFinding, UserWarning):
    """Issued in ``warn`` mode."""


class TxMixError(_CarriesFinding, RuntimeError):
    """Raised in ``error`` mode before the raw statement runs."""
