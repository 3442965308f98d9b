"""Which rules run: ruff's selection semantics, so teams configure txmix as they do ruff.

Layers are applied in order (pyproject first, then the command line). A layer with ``select``
replaces the rule set; one without adjusts the set it inherits. Inside a layer, selectors apply
from least to most specific (``TXM`` before ``TXM00`` before ``TXM001``), so the more specific
one wins; at equal specificity ``ignore`` wins over ``select``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSelection:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    origin: str = "command line"


class SelectionError(ValueError):
    pass


def _specificity(selector: str) -> int:
    return -1 if selector == "ALL" else len(selector)


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def check_selectors(selectors: Iterable[str], codes: Iterable[str], where: str) -> None:
    known = list(codes)
    for selector in selectors:
        if not selector.strip():
            raise SelectionError(f'{where}: empty rule code "" (it would select every rule; say "ALL" for that)')
        if not any(matches(selector, code) for code in known):
            raise SelectionError(f'{where}: unknown rule code "{selector}"')


def resolve(codes: Sequence[str], layers: Sequence[RuleSelection], default: Iterable[str] | None = None) -> set[str]:
    enabled = set(codes) if default is None else set(default)
    for layer in layers:
        updates: dict[str, bool] = {}
        selectors = [(s, True) for s in (layer.select or ()) + layer.extend_select] + [(s, False) for s in layer.ignore]
        for level in sorted({_specificity(s) for s, _ in selectors}):
            for wanted in (True, False):  # select first, so ignore wins at equal specificity
                for selector, kind in selectors:
                    if kind is wanted and _specificity(selector) == level:
                        updates.update({code: wanted for code in codes if matches(selector, code)})
        if layer.select is not None:
            enabled = {code for code, on in updates.items() if on}
        else:
            enabled |= {code for code, on in updates.items() if on}
            enabled -= {code for code, on in updates.items() if not on}
    return enabled
