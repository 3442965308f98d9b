"""A progress line on stderr, only for people watching an interactive terminal.

Never in pre-commit (it sets ``PRE_COMMIT``), CI (``CI``) or redirected output, and only once
a run has taken more than a second, so quick runs stay silent.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Progress:
    stream: TextIO | None
    delay: float = 1.0
    started: float = field(default_factory=time.monotonic)
    last: float = 0.0
    shown: bool = False

    @classmethod
    def for_terminal(cls, enabled: bool = True) -> Progress:
        interactive = enabled and sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")
        return cls(sys.stderr if interactive else None)

    def tick(self, files: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.started < self.delay or now - self.last < 0.1:
            return
        self.last, self.shown = now, True
        self.stream.write(f"\rtxmix: {files} files checked...")
        self.stream.flush()

    def finish(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
