import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def with_retries(fn: Callable[[], T], attempts: int = 3, delay: float = 0.5) -> T:
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * (2**attempt))
    raise RuntimeError("unreachable")
