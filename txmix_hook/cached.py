"""What txmix keeps in its cache, and exactly what each key covers.

Two things are cached. The loaded rule book (YAML parsing, schema validation and query
checks are a large part of a short run's start), keyed on every rule file's path and bytes.
And one file's summary (phase 1), keyed on the file's bytes, its dotted module name and the
digest of the rules that shape it: ``module_summary`` is the single place that decides.
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
    from txmix_hook.source import SourceFile
    from txmix_hook.summary.model import ModuleSummary

T = TypeVar("T")

MODULE_SUMMARY = "module-summary/1"
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


def module_summary(
    cache: Cache | None, digest: bytes, source: SourceFile, module: str, is_package: bool, summarise: Callable[[], ModuleSummary]
) -> ModuleSummary:
    """One file's summary (phase 1), reused while its bytes, its module name and the rules'
    queries are unchanged. Matching (phase 2) depends on the whole project, so it is never
    cached: a summary is all of a file that another file's findings can depend on."""
    if cache is None:
        return summarise()
    name = module.encode("utf-8", "surrogateescape")  # a file name need not be valid UTF-8
    key = cache.key(MODULE_SUMMARY, digest, source.raw, name, b"package" if is_package else b"module")
    return memo(cache, key, summarise)


def memo(cache: Cache, key: bytes, compute: Callable[[], T]) -> T:
    found = cache.load(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.store(key, value)
    return value
