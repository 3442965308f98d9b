"""Everything a run is configured by: pyproject ``[tool.txmix]`` merged under the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from txmix_hook.cache import Cache
from txmix_hook.cached import rulebook
from txmix_hook.config import ConfigError, FileConfig, load_config
from txmix_hook.discovery import DEFAULT_EXCLUDE, FileFilter
from txmix_hook.engine_rules import ENGINE_RULES
from txmix_hook.globs import GlobError, check_glob, glob_matches
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.selection import RuleSelection, check_selectors, matches, resolve


@dataclass(frozen=True)
class CommandLine:
    """What the user passed on the command line (None: not given, the config decides)."""

    config: Path | None = None
    isolated: bool = False
    selection: RuleSelection = field(default_factory=RuleSelection)
    extend_rules: tuple[Path, ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool = False


@dataclass
class Settings:
    config: FileConfig
    book: RuleBook
    enabled: set[str]  # every enabled code, pattern rules and engine rules
    file_filter: FileFilter
    cli: CommandLine = field(default_factory=CommandLine)  # to build a sub-project's settings alike

    @property
    def known_codes(self) -> set[str]:
        return set(self.book.rules) | set(ENGINE_RULES)

    @property
    def pattern_rules(self) -> list[Rule]:
        return [rule for code, rule in sorted(self.book.rules.items()) if code in self.enabled]

    def ignored_codes_for(self, path: Path) -> set[str]:
        """Codes ``per-file-ignores`` switches off for this file."""
        if not self.config.per_file_ignores:
            return set()
        relative = _relative_to(path, self.config.root)
        codes: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores:
            if glob_matches(pattern, relative):
                codes |= {code for code in self.known_codes for s in selectors if matches(s, code)}
        return codes


def _relative_to(path: Path, root: Path) -> str:
    absolute = path.resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def build_settings(cli: CommandLine, cwd: Path | None = None, cache: Cache | None = None) -> Settings:
    here = cwd or Path.cwd()
    config = load_config(cli.config, cli.isolated, here)
    for option, patterns in (("--exclude", cli.exclude or ()), ("--extend-exclude", cli.extend_exclude)):
        for pattern in patterns:
            try:
                check_glob(pattern)
            except GlobError as exc:
                raise ConfigError(f"{option}: {exc}") from None
    book = rulebook(cache, [*config.extend_rules, *cli.extend_rules])
    book = book.with_factories(config.session_factories, config.raw_connection_factories)
    codes = sorted(set(book.rules) | set(ENGINE_RULES))
    for where, selectors in config.codes_to_check.items():
        check_selectors(selectors, codes, where)
    for option, selectors in (("--select", cli.selection.select or ()), ("--extend-select", cli.selection.extend_select), ("--ignore", cli.selection.ignore)):
        check_selectors(selectors, codes, option)
    layers: Sequence[RuleSelection] = [s for s in (config.selection, cli.selection) if s is not None]
    enabled = resolve(codes, layers) - {code for code, rule in book.rules.items() if not rule.enabled}
    exclude = cli.exclude if cli.exclude is not None else (config.exclude if config.exclude is not None else DEFAULT_EXCLUDE)
    file_filter = FileFilter(
        root=config.root,
        exclude=tuple(exclude) + config.extend_exclude + cli.extend_exclude,
        respect_gitignore=config.respect_gitignore if cli.respect_gitignore is None else cli.respect_gitignore,
        force_exclude=cli.force_exclude,
    )
    return Settings(config=config, book=book, enabled=enabled, file_filter=file_filter, cli=cli)


def merged_book(settings: Sequence[Settings]) -> RuleBook:
    """One rule book holding every rule and pattern set the given settings know (sub-projects)."""
    rules: dict[str, Rule] = {}
    sets = {}
    for each in settings:
        rules.update(each.book.rules)
        sets.update(each.book.sets)
    return RuleBook(rules=rules, sets=sets)
