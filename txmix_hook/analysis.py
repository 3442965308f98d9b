"""The two phases wired together: summaries in, planned findings out, fixes attached.

Phase 1 (``summarise_source``) runs per file and may run in worker processes; phase 2
(``Analysis.match``) runs once over the project index in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from txmix_hook.finding import Finding
from txmix_hook.match.findings import Planned, RuleMatcher
from txmix_hook.match.graph import CallGraph
from txmix_hook.match.sides import SidesByFunction
from txmix_hook.project.index import ProjectIndex, ProjectModule
from txmix_hook.project.typeindex import TypeIndex
from txmix_hook.project.values import Evaluator
from txmix_hook.rules.extension import Variant, variants
from txmix_hook.rules.model import PatternSet, Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.source import SourceFile
from txmix_hook.summary.build import summarise
from txmix_hook.summary.model import ModuleSummary

# Files that can hold a suppression comment keep their comments even when nothing else is there.
SUPPRESSION_MARKERS = (b"txmix", b"TXM")


@dataclass
class Analysis:
    """What is built once per run (rule book, type index) and the two phases that use it."""

    book: RuleBook
    rules: Sequence[Rule]
    other_databases: frozenset[str] = frozenset()  # `[tool.txmix] other-databases`
    types: TypeIndex = field(init=False)

    def __post_init__(self) -> None:
        self.types = TypeIndex.build(self.book.sets.values())

    @cached_property
    def variants(self) -> dict[str, list[Variant]]:
        """Per rule, the ways its sides may be held: one, unless it extends another rule."""
        return {rule.id: variants(self.book, rule) for rule in self.rules}

    @cached_property
    def extensions(self) -> frozenset[tuple[str, str]]:
        """(extended set, base set) pairs whose own values some rule's variant needs."""
        return frozenset(part.own_of for each in self.variants.values() for variant in each for part in variant.values() if part.own_of)

    @cached_property
    def side_sets(self) -> tuple[PatternSet, ...]:
        """The sets the rules' sides use, and the base sets an extending rule's values are told from."""
        ids = {side.set_id for rule in self.rules for side in rule.sides}
        ids |= {part.key for each in self.variants.values() for variant in each for part in variant.values() if part.own_of is None}
        ids |= {set_id for pair in self.extensions for set_id in pair}
        return tuple(self.book.sets[s] for s in sorted(ids))

    def summarise(self, data: bytes, module: str, is_package: bool) -> ModuleSummary:
        """Every side set's queries run on every file: a file need not import anything to use a
        session or a pool another module made, so no word in it can rule a set out."""
        return summarise(data, module, is_package, self.side_sets)

    def match(self, modules: Sequence[ProjectModule]) -> list[Planned]:
        index = ProjectIndex.build(modules)
        evaluator = Evaluator(index, self.types, self.other_databases)
        wanted = frozenset(pset.id for pset in self.side_sets)
        graph = CallGraph(evaluator, SidesByFunction(evaluator, wanted, self.extensions))
        matcher = RuleMatcher(self.book, evaluator, graph, self.variants)
        functions = [
            (number, scope.index)
            for number, module in enumerate(index.modules)
            if module.reported
            for scope in module.summary.scopes
        ]
        planned = matcher.find(self.rules, functions)
        planned.sort(key=lambda p: p.finding.sort_key)
        return planned

    def findings(self, modules: Sequence[ProjectModule], source_of: Callable[[str], SourceFile | None], planned: list[Planned] | None = None) -> list[Finding]:
        """Phase 2 (or its result, when known) with fixes attached (they re-read the files)."""
        planned = self.match(modules) if planned is None else planned
        if not planned:
            return []  # a clean run never imports the fix builders
        from txmix_hook.fixes.stage import attach_fixes

        return attach_fixes(planned, source_of)

    def analyze(self, source: SourceFile, module: str = "") -> list[Finding]:
        """One file as a project of its own (rule tests, samples)."""
        name = module or source.path.stem
        summary = self.summarise(source.data, name, source.path.name == "__init__.py")
        return self.findings([ProjectModule.of(summary, source.display)], lambda _: source)
