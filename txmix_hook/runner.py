"""A whole run: discover the named files and the project around them, summarise every file,
match over the project, and report (after per-file ignores and suppressions) in the named files.

Pre-commit passes only the changed files, so the project is every Python file under the
project root (the nearest pyproject.toml / setup.cfg / .git above the checked paths): a
handler changed today that calls a helper in an unchanged module is still a mix.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from txmix_hook.cache import Cache
from txmix_hook.cached import cached_record, module_record, project_key, rules_digest, summary_key
from txmix_hook.discovery import Candidate, discover, forget_packages
from txmix_hook.finding import Finding
from txmix_hook.gc_paused import gc_paused
from txmix_hook.internal_error import internal_error_line
from txmix_hook.limits import over_limit
from txmix_hook.project.index import ProjectModule
from txmix_hook.project.root import module_name, project_root
from txmix_hook.config import find_config
from txmix_hook.settings import Settings, build_settings, merged_book
from txmix_hook.source import SourceError, SourceFile, read_source
from txmix_hook.stat_index import StatIndex, status_of
from txmix_hook.suppress import apply_suppressions, may_report_unused, parse_directives
from txmix_hook.regular_file import read_regular_file
from txmix_hook.summary.record import SummaryRecord

if TYPE_CHECKING:
    from txmix_hook.analysis import Analysis
    from txmix_hook.rules.model import Rule
    from txmix_hook.rules.rulebook import RuleBook


@dataclass
class FileOutcome:
    source: SourceFile
    findings: list[Finding]


@dataclass
class FileCheck:
    findings: list[Finding]
    warnings: list[str]
    suppressed: int


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be analysed
    warnings: list[str] = field(default_factory=list)
    files_checked: int = 0
    suppressed: int = 0
    fixed: int = 0
    outcomes: list[FileOutcome] = field(default_factory=list)  # files with findings, for writers

    @property
    def files_with_findings(self) -> int:
        return len({f.filename for f in self.findings})


@dataclass(frozen=True)
class Summarised:
    """What phase 1 sends back for one file (across a process boundary when run in parallel)."""

    candidate: Candidate
    record: SummaryRecord | None
    error: str | None = None
    warning: str | None = None


class Checker:
    """Everything from files to reportable findings; keeps the last project for ``--fix`` rounds."""

    def __init__(self, settings: Settings, cache: Cache | None = None, project: bool = True) -> None:
        self.settings = settings
        self.cache = cache
        self.project = project  # False: a text checked on its own reads no project around it
        # What the analysis is built from; the analysis itself (the engine, phase 2) only when a
        # file must be summarised or matched: a run where nothing changed never imports it.
        self._rule_parts: tuple[RuleBook, Sequence[Rule], frozenset[str]] = (
            settings.book, settings.pattern_rules, frozenset(settings.config.other_databases)
        )
        self._analysis: Analysis | None = None
        self.modules: list[ProjectModule] = []
        self._sources: dict[str, SourceFile] = {}
        self._by_config: dict[Path | None, Settings] = {settings.config.path: settings}
        self._by_folder: dict[str, Settings] = {}
        self._file_settings: dict[str, Settings] = {}
        self._by_display: dict[str, ProjectModule] | None = None
        self._changed_during_run = False  # a file read again in phase 2 was not what its key says

    def settings_for(self, path: str | Path) -> Settings:
        """The nearest ``[tool.txmix]`` above the file decides (as ruff), unless the command line
        named a config or ``--isolated``: a monorepo's ``backend/pyproject.toml`` applies when
        pre-commit runs from the repository root."""
        if self.settings.cli.config is not None or self.settings.cli.isolated:
            return self.settings
        folder = os.path.dirname(os.path.abspath(path))  # on strings: once per named file
        known = self._by_folder.get(folder)
        if known is None:
            found = find_config(Path(folder))
            known = self._by_config.get(found) if found is not None else self.settings
            if known is None:
                assert found is not None
                known = self._by_config[found] = build_settings(replace(self.settings.cli, config=found), cwd=found.parent)
            self._by_folder[folder] = known
        return known

    def use_file_settings(self, named: Sequence[Candidate]) -> None:
        """Settings per named file; rules any of them enables run, each file keeps its own."""
        self._file_settings = {c.display: self.settings_for(c.where) for c in named}
        distinct = list({id(s): s for s in self._file_settings.values()}.values())
        if distinct == [self.settings] or not distinct:
            return
        book = merged_book([self.settings, *distinct])
        codes = set().union(*(s.enabled for s in distinct))
        rules = [rule for code, rule in sorted(book.rules.items()) if code in codes]
        other = frozenset().union(*(s.config.other_databases for s in distinct))
        self._rule_parts, self._analysis = (book, rules, other), None

    @property
    def analysis(self) -> Analysis:
        if self._analysis is None:
            from txmix_hook.analysis import Analysis

            self._analysis = Analysis(*self._rule_parts)
        return self._analysis

    @cached_property
    def rules_digest(self) -> bytes:
        """What shapes a summary besides the file: the rules, and the limits that decide
        whether it is summarised at all (a cache hit skips the limit checks)."""
        book, rules, _ = self._rule_parts
        return rules_digest(book, rules) + repr(self.settings.config.limits).encode()

    def summarise(self, candidate: Candidate) -> Summarised:
        return check_candidate(self, candidate)

    def forget_project(self) -> None:
        """Files changed on disk: the next ``check_source`` reads the project around it again."""
        self.modules = []
        self._sources = {}
        self._by_display = None

    def cached(self, candidate: Candidate) -> Summarised | None:
        """A summary from the cache, read here rather than in a worker: only the file's bytes
        and one entry, no decoding or limit checks (the key covers both), and the summary
        itself stays pickled until phase 2 asks for it. None on a miss."""
        if self.cache is None or candidate.warning is not None or candidate.error is not None:
            return None
        try:
            raw = read_regular_file(candidate.where)
        except OSError:
            return None  # phase 1 says why
        name, is_package = module_name(candidate.where)
        record = cached_record(self.cache, self.rules_digest, raw, name, is_package)
        return Summarised(candidate, record) if record is not None else None

    def source(self, display: str) -> SourceFile | None:
        found = self._sources.get(display)
        if found is None:
            module = self._module_by_display().get(display)
            path = Path(module.path) if module is not None and module.path else Path(display)
            try:
                found = self._sources[display] = read_source(path, display)
            except SourceError:
                self._changed_during_run = True  # gone since its status was taken
                return None
        return found

    def _is_keyed(self, module: ProjectModule, source: SourceFile) -> bool:
        """Are these the bytes ``module``'s summary key names (True when it has no key)?"""
        if self.cache is None or module.record.key is None:
            return True
        name, is_package = module_name(source.path)
        return summary_key(self.cache, self.rules_digest, source.raw, name, is_package) == module.record.key

    def _project_findings(self, modules: list[ProjectModule]) -> list[Finding]:
        """Phase 2's findings, fixes attached, for exactly these summaries: from the cache, or
        computed and stored there. A run where nothing changed reads one entry instead of
        matching and parsing the files with findings again for their fixes."""
        digest = self.rules_digest + repr(sorted(self._rule_parts[2])).encode()
        key = project_key(self.cache, digest, modules) if self.cache is not None else None
        if key is not None and self.cache is not None:
            found = self.cache.load(key)
            if isinstance(found, list):
                return found
        self._changed_during_run = False
        findings = self.analysis.findings(modules, self.source)
        # Stored only when every summary matched, and every file a fix may have been built
        # from, is the one its key names.
        if key is not None and self.cache is not None and not self._changed_during_run:
            read = [(m, self._sources[m.display]) for m in modules if m.display in self._sources]
            if all(self._is_keyed(module, source) for module, source in read):
                self.cache.store(key, findings)
        return findings

    def _module_by_display(self) -> dict[str, ProjectModule]:
        if self._by_display is None or len(self._by_display) != len(self.modules):
            self._by_display = {m.display: m for m in self.modules}
        return self._by_display

    def check_modules(self, modules: list[ProjectModule]) -> dict[str, FileCheck]:
        """Match over the project; per reported file: ignores, suppressions, fingerprints."""
        self.modules = modules
        self._by_display = None
        findings = self._project_findings(modules)
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_file[finding.filename].append(finding)
        checks: dict[str, FileCheck] = {}
        for module in modules:
            if not module.reported:
                continue
            checks[module.display] = self._file_check(module, by_file.get(module.display, []))
        return checks

    def _file_check(self, module: ProjectModule, findings: list[Finding]) -> FileCheck:
        summary = module.record  # what reporting needs: the summary itself may stay pickled
        warnings = []
        if summary.syntax_error is not None:
            row, column = summary.syntax_error
            warnings.append(f"{module.display}:{row}:{column}: warning: syntax error; analysed what the parser could recover")
        if not findings and not (summary.comments and may_report_unused(summary.comments)):
            return FileCheck([], warnings, 0)
        directives = parse_directives(summary.comments) if summary.comments else []
        if not findings and not directives:
            return FileCheck([], warnings, 0)
        settings = self._file_settings.get(module.display, self.settings)
        ignored_here = settings.ignored_codes_for(Path(module.path or module.display))
        findings = [f for f in findings if f.code not in ignored_here and f.code in settings.enabled]
        # The file is read only when a finding needs its lines: most comments are other tools'.
        lines = partial(self.lines_of, module.display)
        outcome = apply_suppressions(
            findings,
            directives,
            summary.first_code_row,
            lines,
            settings.known_codes,
            settings.enabled - ignored_here,
            module.display,
        )
        reported = outcome.kept + outcome.unused
        if not reported:
            return FileCheck([], warnings, outcome.suppressed)
        from txmix_hook.baseline import fingerprint_findings  # only for a file with findings

        kept = fingerprint_findings(sorted(reported, key=lambda f: f.sort_key), lines(), self.lines_of)
        return FileCheck(kept, warnings, outcome.suppressed)

    def file_of(self, display: str) -> tuple[str, list[str]] | None:
        """Where a project file is on disk, and its lines: what an editor needs to link to it
        (the display name escapes a name that is not UTF-8)."""
        module = self._module_by_display().get(display)
        lines = self.lines_of(display)
        if not lines:
            return None
        return (module.path if module is not None and module.path else os.path.abspath(display)), lines

    def lines_of(self, display: str) -> list[str]:
        """The lines of a project file by its display name ([] when it cannot be read)."""
        source = self.source(display)
        return source.lines if source is not None else []

    def check_source(self, source: SourceFile) -> FileCheck:
        """Check one text (a fixed file, standard input, an editor buffer) inside its project:
        the last run's, or the one around its path read now; its own summary is replaced."""
        with gc_paused():
            return self._check_source(source)

    def _check_source(self, source: SourceFile) -> FileCheck:
        if not self.modules and self.project:
            forget_packages()
            self.modules = self._project_around(source)
        name, is_package = module_name(source.path)
        # Not cached: an editor buffer (or a fix round) is one state of many, never read back;
        # without a key, neither is the project result built on it.
        record = SummaryRecord.of(self.analysis.summarise(source.data, name, is_package))
        self._sources[source.display] = source
        modules = [
            replace(m, record=record) if m.display == source.display else replace(m, reported=False)
            for m in self.modules
        ]
        if not any(m.display == source.display for m in modules):
            modules.append(ProjectModule(record, source.display, True, str(source.path)))
        previous = self.modules
        try:
            return self.check_modules(modules).get(source.display, FileCheck([], [], 0))
        finally:
            self.modules = [replace(m, record=record) if m.display == source.display else m for m in previous]
            self._by_display = None

    def summary_of(self, source: SourceFile, name: str, is_package: bool) -> SummaryRecord:
        digest = self.rules_digest if self.cache is not None else b""
        return module_record(self.cache, digest, source.raw, name, is_package, lambda: self.analysis.summarise(source.data, name, is_package))

    def summarise_all(self, candidates: Sequence[Candidate], jobs: int | None = None, taken_ns: int | None = None, read_now: int = 0) -> list[Summarised]:
        """Phase 1 for every candidate, in order: files whose status is unchanged from the
        stat index, cache hits here, the rest in workers. ``taken_ns``: when discovery began
        (the statuses it took are no newer). ``read_now``: how many leading candidates phase 2
        will read whole (the reported files): a worker's summary of one is unpickled as it
        arrives, while this process would otherwise only wait for the next."""
        done: list[Summarised | None] = [None] * len(candidates)
        if self.cache is None:
            self._summarise_missed(candidates, done, jobs, read_now)
            return [d for d in done if d is not None]
        index = StatIndex(self.cache, self.rules_digest)
        paths = [os.path.abspath(c.where) for c in candidates]
        taken = taken_ns if taken_ns is not None else time.time_ns()
        statuses = [status_of(p, c.status) if c.warning is None and c.error is None else None for p, c in zip(paths, candidates)]
        for number, (candidate, path, status) in enumerate(zip(candidates, paths, statuses)):
            header = index.header(path, status, module_name(path)[0])
            if header is None:
                done[number] = self.cached(candidate)
            else:
                done[number] = Summarised(candidate, header.fetched_by(partial(self._full_record, candidate, header.key)))
        self._summarise_missed(candidates, done, jobs, read_now)
        for found, path, status in zip(done, paths, statuses):
            if found is not None and found.record is not None:
                index.remember(path, status, found.record, taken)
        index.save()
        return [d for d in done if d is not None]

    def _summarise_missed(self, candidates: Sequence[Candidate], done: list[Summarised | None], jobs: int | None, read_now: int) -> None:
        """Fill ``done`` where it is still None, in workers, as each file is done."""
        missed = [number for number, found in enumerate(done) if found is None]
        if not missed:
            return
        from txmix_hook.parallel import run_each  # workers only for files to summarise

        _ = self.analysis  # built once, before workers inherit it
        for index, result in run_each(self.summarise, [candidates[n] for n in missed], crashed, jobs, _size):
            if missed[index] < read_now and result.record is not None:
                _ = result.record.summary  # unpickled here while the workers go on, not after them
            done[missed[index]] = result

    def _full_record(self, candidate: Candidate, key: bytes | None) -> SummaryRecord | None:
        """The summary a status-index header stands for, when phase 2 first needs it: by its
        key (the bytes the file had when its status was taken), else the file read again. A
        file changed since then gives another summary than the key says: this run's project
        result is then not stored under the keys (see ``_project_findings``)."""
        if self.cache is not None and key is not None:
            found = self.cache.load(key)
            if isinstance(found, SummaryRecord):
                found.key = key
                return found
        record = (self.cached(candidate) or self.summarise(candidate)).record
        if record is None or record.key != key:
            self._changed_during_run = True
        return record

    def _project_around(self, source: SourceFile) -> list[ProjectModule]:
        here = Candidate(str(source.path), source.display, explicit=True)
        discovered_ns = time.time_ns()
        others = project_candidates([source.path], self.settings, [here])
        return [
            ProjectModule(done.record, done.candidate.display, False, done.candidate.where)
            for done in self.summarise_all(others, taken_ns=discovered_ns)
            if done.record is not None
        ]


def check_candidate(checker: Checker, candidate: Candidate) -> Summarised:
    """Phase 1 for one file: read, check the limits, summarise (from the cache when unchanged)."""
    if candidate.warning is not None or candidate.error is not None:  # discovery decided: not to be read
        return Summarised(candidate, None, candidate.error, candidate.warning)
    try:
        source = read_source(candidate.path, candidate.display)
    except SourceError as exc:
        return Summarised(candidate, None, str(exc))
    if (too_big := over_limit(source.data, candidate.display, checker.settings.config.limits)) is not None:
        return Summarised(candidate, None, too_big)
    name, is_package = module_name(candidate.where)
    try:
        return Summarised(candidate, checker.summary_of(source, name, is_package))
    except RecursionError:
        return Summarised(candidate, None, f"{candidate.display}:1:1: too deeply nested to analyse; file skipped")
    except Exception as exc:  # noqa: BLE001 - one file's internal error never ends the run
        return Summarised(candidate, None, internal_error_line(candidate.display, exc))


def _size(candidate: Candidate) -> int:
    """What summarising a file costs, about: its size (0 when discovery could not stat it)."""
    return candidate.status.st_size if candidate.status is not None else 0


def crashed(candidate: Candidate, how: str) -> Summarised:
    return Summarised(candidate, None, f"{candidate.display}:1:1: the analysis crashed ({how}); file skipped, please report it")


def project_candidates(paths: Sequence[Path], settings: Settings, named: list[Candidate]) -> list[Candidate]:
    """Every other Python file of the project, for its summary (findings are not reported there)."""
    root = project_root(paths)
    if root is None:
        return []
    seen = {os.path.abspath(c.where) for c in named}
    return [c for c in discover([root], settings.file_filter) if os.path.abspath(c.where) not in seen]


def run_check(
    paths: Sequence[Path],
    settings: Settings,
    checker: Checker | None = None,
    on_file: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> RunResult:
    """Check the files under ``paths`` inside their project; ``jobs`` worker processes for phase 1
    (None: one per core for large runs)."""
    with gc_paused():
        return _run_check(paths, settings, checker or Checker(settings), on_file, jobs)


def _run_check(paths: Sequence[Path], settings: Settings, checker: Checker, on_file: Callable[[int], None] | None, jobs: int | None) -> RunResult:
    forget_packages()
    discovered_ns = time.time_ns()  # every status discovery takes is at least this recent
    named = list(discover(list(paths), settings.file_filter))
    checker.use_file_settings([c for c in named if c.warning is None and c.error is None])
    others = project_candidates(paths, settings, named)
    if checker.cache is not None:
        _ = checker.rules_digest  # computed once, before workers inherit it
    result = RunResult()
    modules: list[ProjectModule] = []
    count = len(named)
    for number, done in enumerate(checker.summarise_all(named + others, jobs, discovered_ns, read_now=count)):
        reported = number < count
        if reported:
            result.files_checked += 1
            if on_file is not None:
                on_file(result.files_checked)
            if done.warning is not None:
                result.warnings.append(done.warning)
        if done.error is not None:
            if reported:
                result.errors.append(done.error)
            continue
        if done.record is None:
            continue
        modules.append(ProjectModule(done.record, done.candidate.display, reported, done.candidate.where))
    for display, check in checker.check_modules(modules).items():
        result.warnings.extend(check.warnings)
        result.suppressed += check.suppressed
        if check.findings:
            source = checker.source(display)
            if source is not None:
                result.findings.extend(check.findings)
                result.outcomes.append(FileOutcome(source, check.findings))
    result.findings.sort(key=lambda f: f.sort_key)
    result.outcomes.sort(key=lambda o: o.source.display)
    return result
