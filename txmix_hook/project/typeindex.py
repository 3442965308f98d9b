"""Binding facts of all pattern sets, indexed for lookup while evaluating expressions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from txmix_hook.rules.model import BindArgument, PatternSet


@dataclass
class TypeIndex:
    by_call: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_annotation: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_attribute_annotation: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # not parameters
    call_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    attribute_of: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    method_of: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    bind_arguments: dict[str, BindArgument] = field(default_factory=dict)

    @classmethod
    def build(cls, sets: Iterable[PatternSet]) -> TypeIndex:
        index = cls()
        for pset in sets:
            if pset.bind_argument is not None:
                index.bind_arguments[pset.id] = pset.bind_argument
            for source in pset.values:
                if source.how == "call":
                    index.by_call[source.target].add(pset.id)
                elif source.how == "annotation":
                    index.by_annotation[source.target].add(pset.id)
                elif source.how == "name":
                    index.by_name[source.target].add(pset.id)
                elif source.how == "stored-annotation":
                    index.by_attribute_annotation[source.target].add(pset.id)
                elif source.how == "call-of":
                    index.call_of[source.target].add(pset.id)
                elif source.how == "attribute-of":
                    index.attribute_of[(source.target, source.name or "")].add(pset.id)
                elif source.how == "method-of":
                    index.method_of[(source.target, source.name or "")].add(pset.id)
        return index
