"""What txmix keeps in its cache, and exactly what each key covers.

Three things are cached. The loaded rule book (YAML parsing, schema validation and query
checks are a large part of a short run's start), keyed on every rule file's path and bytes.
One file's summary (phase 1), keyed on the file's bytes, its dotted module name and the
digest of the rules that shape it: ``summary_key`` is the single place that decides. And a
whole project's findings (phase 2, fixes attached), keyed on every module's summary key,
place and whether it is reported: ``project_key``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from txmix_hook.cache import Cache, canonical_digest
from txmix_hook.rules.files import builtin_rules_dir, rule_files

if TYPE_CHECKING:
    from txmix_hook.rules.model import Rule
    from txmix_hook.rules.rulebook import RuleBook
    from txmix_hook.project.index import ProjectModule
    from txmix_hook.summary.model import ModuleSummary
    from txmix_hook.summary.record import SummaryRecord

T = TypeVar("T")

MODULE_SUMMARY = "module-summary/2"  # a SummaryRecord
PROJECT_FINDINGS = "project-findings/1"  # phase 2's findings, fixes attached, for one whole project
RULE_BOOK = "rule-book/1"


def rulebook(cache: Cache | None, extra_folders: Iterable[Path]) -> RuleBook:
    """The rule book from the built-in and extra folders; from the cache when no rule file changed."""
    folders = list(extra_folders)

    def load() -> RuleBook:
        from txmix_hook.rules.loader import load_rulebook  # YAML and validation: only on a miss

        return load_rulebook(folders)

    if cache is None:
        return load()
    parts: list[bytes | str] = []
    seen: set[Path] = set()
    try:
        for folder in [builtin_rules_dir(), *folders]:
            for path in rule_files(Path(folder)):
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    parts += [str(path), path.read_bytes()]
    except OSError:
        return load()  # the loader names the unreadable file
    return memo(cache, cache.key(RULE_BOOK, *parts), load)


def rules_digest(book: RuleBook, enabled_rules: Sequence[Rule]) -> bytes:
    """Digest of all that shapes one file's analysis besides the file itself: the loaded rule
    book (pattern sets, with any configured factories) and which of its rules are enabled.
    Per-file ignores and suppressions are applied after the cached step, so they are not in it."""
    return canonical_digest(book.sets, book.rules, sorted(rule.id for rule in enabled_rules))


def summary_key(cache: Cache, digest: bytes, raw: bytes, module: str, is_package: bool) -> bytes:
    """The key of one file's summary (phase 1): its bytes, its module name, and ``digest`` (the
    rules and limits that shape it). A summary is all of a file that another file's findings
    can depend on: matching (phase 2) is cached only for a whole project (``project_key``)."""
    name = module.encode("utf-8", "surrogateescape")  # a file name need not be valid UTF-8
    return cache.key(MODULE_SUMMARY, digest, raw, name, b"package" if is_package else b"module")


def module_record(
    cache: Cache | None, digest: bytes, raw: bytes, module: str, is_package: bool, summarise: Callable[[], ModuleSummary]
) -> SummaryRecord:
    """One file's summary record, reused while its bytes, its module name and ``digest`` are unchanged."""
    from txmix_hook.summary.record import SummaryRecord  # not for commands that read no Python

    if cache is None:
        return SummaryRecord.of(summarise())
    key = summary_key(cache, digest, raw, module, is_package)

    def computed() -> SummaryRecord:
        record = SummaryRecord.of(summarise())
        record.key = key
        return record

    found = memo(cache, key, computed, SummaryRecord)
    found.key = key
    return found


def cached_record(cache: Cache, digest: bytes, raw: bytes, module: str, is_package: bool) -> SummaryRecord | None:
    from txmix_hook.summary.record import SummaryRecord

    key = summary_key(cache, digest, raw, module, is_package)
    found = cache.load(key)
    if not isinstance(found, SummaryRecord):
        return None
    found.key = key
    return found


def project_key(cache: Cache, digest: bytes, modules: Sequence[ProjectModule]) -> bytes | None:
    """The key of phase 2's result for this project: every module's summary key, in order, with
    where it is and whether it is reported. None when a summary has no key (not from the cache):
    then nothing is known to be unchanged."""
    parts: list[bytes | str] = [digest]
    for module in modules:
        if module.record.key is None:
            return None
        parts += [module.record.key, module.display, module.path, b"reported" if module.reported else b"-"]
    return cache.key(PROJECT_FINDINGS, *parts)


def memo(cache: Cache, key: bytes, compute: Callable[[], T], kind: type | None = None) -> T:
    """The value under ``key``, or ``compute()`` stored there; an entry of another ``kind`` (a
    foreign or older payload) is recomputed, never trusted."""
    found = cache.load(key)
    if found is not None and (kind is None or isinstance(found, kind)):
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.store(key, value)
    return value
