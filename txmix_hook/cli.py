"""The ``txmix`` command line (click). Exit codes: 0 clean, 1 findings, 2 usage/config/internal error."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from txmix_hook import __version__
from txmix_hook.config import ConfigError, find_config
from txmix_hook.discovery import display_path
from txmix_hook.finding import fixable_counts
from txmix_hook.report.formats import FORMATS
from txmix_hook.rules.errors import RuleError
from txmix_hook.selection import RuleSelection, SelectionError
from txmix_hook.settings import CommandLine

if TYPE_CHECKING:
    from txmix_hook.report.errors import FileError
    from txmix_hook.runner import Checker, RunResult

# Only what every command needs is imported above; a command imports its own machinery
# (engine, fixes, reports, baselines, the ``rule`` and ``cache`` groups) when it runs, so
# ``--version``, ``rule list`` and a warm ``check`` start fast.

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# Subcommands in modules of their own, imported only when named (or listed by ``--help``).
LAZY_COMMANDS = {"rule": ("txmix_hook.cli_rule", "rule_group"), "cache": ("txmix_hook.cli_cache", "cache_group")}


class TxmixGroup(click.Group):
    """Turns every expected failure into one ``txmix: error:`` line and exit 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, name = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except BrokenPipeError:
            raise  # `txmix ... | head`: click ends quietly on a closed pipe
        except KeyboardInterrupt:
            _fail("interrupted")
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
            if isinstance(exc, _expected_errors()):
                _fail(_relative_to_cwd(str(exc)))
            _fail(f"internal error: {type(exc).__name__}: {exc}")
        return None


def _expected_errors() -> tuple[type[Exception], ...]:
    """Failures a user can cause (bad rules, config, baseline, an unwritable output): imported
    here, once something failed, so a run that writes no baseline never loads that code."""
    from txmix_hook.baseline import BaselineError
    from txmix_hook.edits import WriteError

    return (RuleError, ConfigError, SelectionError, BaselineError, WriteError)


def _relative_to_cwd(message: str) -> str:
    """An error naming an absolute path (a rule folder from the config) names it as findings do."""
    path, sep, rest = message.partition(":")
    if not sep or not os.path.isabs(path):
        return message
    try:
        return os.path.relpath(path) + sep + rest
    except ValueError:  # another drive
        return message


def _fail(message: str) -> None:
    click.echo(f"txmix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=TxmixGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="txmix", message="%(prog)s %(version)s")
def main() -> None:
    """Find SQLAlchemy ORM and raw PostgreSQL driver work mixed in one transaction."""


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))  # unreadable: one error line, the run goes on
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default="concise", show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this pyproject.toml / TOML file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run, replacing the configured selection.")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to run in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--exclude", multiple=True, help="Globs to exclude, replacing the defaults and the configured list.")
@click.option("--extend-exclude", multiple=True, help="Globs to exclude in addition.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None, help="Skip files git ignores while walking folders.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--extend-rules", "extend_rules", multiple=True, type=click.Path(path_type=Path), help="Folder of extra YAML rules.")
@click.option("--add-noqa", is_flag=True, help="Add `# txmix: ignore[CODE]` to every line with a finding.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), help="Report only findings not in this baseline file.")
@click.option("--write-baseline", is_flag=True, help="Record the current findings into --baseline and exit 0.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here (atomically); the summary still goes to the terminal.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no progress.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings (JSON with --output-format json).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour findings (auto: on a terminal, or when FORCE_COLOR is set; never when NO_COLOR is set).")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or with --diff, show) unsafe fixes.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 if any).")
@click.option("--show-fixes", is_flag=True, help="List the findings --fix fixed.")
@click.option("--no-cache", is_flag=True, help="Analyse every file again; neither read nor write the cache (.txmix_cache, or TXMIX_CACHE_DIR).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes for analysing files (default: the number of cores).")
@click.option("--stdin-filename", type=click.Path(path_type=Path, dir_okay=False), help="Read the source from standard input and report it as this file (its config, per-file ignores); with --fix, print the fixed source.")
def check(
    paths: tuple[Path, ...],
    output_format: str,
    config_path: Path | None,
    isolated: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    force_exclude: bool,
    extend_rules: tuple[Path, ...],
    add_noqa: bool,
    baseline: Path | None,
    write_baseline: bool,
    exit_zero: bool,
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    show_fixes: bool,
    output_file: Path | None,
    quiet: bool,
    statistics: bool,
    color: str,
    no_cache: bool,
    jobs: int | None,
    stdin_filename: Path | None,
) -> None:
    """Check PATHS (files or directories; default: the current directory; `-`: standard input)."""
    from txmix_hook.cache import open_cache
    from txmix_hook.progress import Progress
    from txmix_hook.report.formats import ReportContext
    from txmix_hook.report.terminal import colorize, rule_descriptors, rule_name, wants_color
    from txmix_hook.runner import Checker, run_check
    from txmix_hook.settings import build_settings

    stdin_mode = _stdin_mode(paths, stdin_filename, add_noqa)
    if stdin_mode and stdin_filename is not None and config_path is None and not isolated:
        config_path = find_config(stdin_filename.parent.resolve())  # the file's own config, as on disk
    if write_baseline and baseline is None:
        raise click.UsageError("--write-baseline needs --baseline FILE")
    if add_noqa and show_diff:
        raise click.UsageError("--add-noqa writes comments into files; it cannot be combined with --diff")
    selection = RuleSelection(_codes(select) or None, _codes(extend_select), _codes(ignore))
    cli = CommandLine(
        config=config_path,
        isolated=isolated,
        selection=selection,
        extend_rules=extend_rules,
        exclude=_codes(exclude) or None,
        extend_exclude=_codes(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
    )
    cache = None if stdin_mode else open_cache(list(paths), enabled=not no_cache)
    settings = build_settings(cli, cache=cache)
    checker = Checker(settings, cache)
    use_color = wants_color(color, sys.stdout.isatty(), os.environ)
    if stdin_mode:
        from txmix_hook.buffer import check_buffer

        data = sys.stdin.buffer.read()
        result = check_buffer(data, stdin_filename or Path("-"), display_path(stdin_filename) if stdin_filename else "-", checker, force_exclude)
    else:
        progress = Progress.for_terminal(enabled=not quiet)
        result = run_check(list(paths) or [Path(".")], settings, checker, progress.tick, jobs)
        progress.finish()
    for line in result.warnings + result.errors:
        click.echo(line, err=True)
    if show_diff:
        _show_diff_and_exit(result, checker, unsafe_fixes)
    if apply_fixes and stdin_mode:
        _print_fixed_stdin_and_exit(result, data, checker, unsafe_fixes, quiet, exit_zero)
    if apply_fixes:
        _apply_fixes(result, checker, unsafe_fixes, show_fixes)
    if add_noqa:
        _add_noqa_and_exit(result)
    if baseline is not None and write_baseline:
        from txmix_hook.baseline import write_baseline as write_baseline_file

        write_baseline_file(baseline, result.findings)
        click.echo(f"Wrote {plural(len(result.findings), 'finding')} to baseline {baseline}.", err=True)
        sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)
    extra = _compare_with_baseline(result, baseline) if baseline is not None else ""
    sources = {o.source.display: o.source for o in result.outcomes}
    context = ReportContext(
        lambda name: sources[name].lines if name in sources else [],
        lambda: rule_descriptors(settings),
        _file_errors(result.errors),
    )
    if statistics:
        from txmix_hook.report.statistics import count_by_rule, render_json, render_table

        rows = count_by_rule(result.findings, lambda code: rule_name(code, settings), unsafe_fixes)
        rendered = render_json(rows) if output_format in ("json", "json-lines") else render_table(rows)
    else:
        rendered = FORMATS[output_format](result.findings, context)
    if output_file is not None:
        from txmix_hook.report.output import write_new_file

        write_new_file(output_file, rendered.encode("utf-8"))
    else:
        click.echo(colorize(rendered, output_format) if use_color else rendered, nl=False, color=use_color)
    if not quiet:
        click.echo(_summary(result, unsafe_fixes) + extra, err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings and not exit_zero else EXIT_CLEAN)


def _file_errors(lines: list[str]) -> list[FileError]:
    """The files that could not be checked, as machine reports carry them (none: nothing to import)."""
    if not lines:
        return []
    from txmix_hook.report.errors import FileError

    return [FileError.parse(line) for line in lines]


def _stdin_mode(paths: tuple[Path, ...], stdin_filename: Path | None, add_noqa: bool) -> bool:
    """`-` alone, or --stdin-filename without paths, reads standard input (as ruff does)."""
    dash = Path("-")
    if dash in paths and len(paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be combined with other paths")
    stdin_mode = paths == (dash,) or (stdin_filename is not None and not paths)
    if stdin_filename is not None and not stdin_mode:
        raise click.UsageError("--stdin-filename names standard input: pass `-` (or no path), not files")
    if stdin_mode and add_noqa:
        raise click.UsageError("--add-noqa writes comments into files; it cannot read standard input")
    return stdin_mode


def _print_fixed_stdin_and_exit(result: RunResult, data: bytes, checker: Checker, unsafe_fixes: bool, quiet: bool, exit_zero: bool) -> None:
    """ruff's behaviour: the fixed source on stdout, what remains on stderr."""
    from txmix_hook.fixing import fix_outcomes
    from txmix_hook.report import concise

    out = sys.stdout.buffer
    if not result.outcomes:  # excluded or unreadable: pass the text through untouched
        out.write(data)
        out.flush()
        sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)
    (fixed,) = fix_outcomes(result.outcomes, checker, unsafe_fixes)
    for line in fixed.warnings:
        click.echo(f"warning: {line}", err=True)
    out.write(fixed.encoded() if fixed.changed else data)
    out.flush()
    click.echo(concise.render(fixed.remaining), nl=False, err=True)
    result.fixed, result.findings = len(fixed.fixed), fixed.remaining
    if not quiet:
        click.echo(_summary(result, unsafe_fixes), err=True)
    sys.exit(EXIT_FINDINGS if fixed.remaining and not exit_zero else EXIT_CLEAN)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('x') else 's'}"


def _show_diff_and_exit(result: RunResult, checker: Checker, unsafe_fixes: bool) -> None:
    from txmix_hook.fixing import fix_outcomes, unified_diff

    fixed_files = fix_outcomes(result.outcomes, checker, unsafe_fixes)
    for line in (w for f in fixed_files for w in f.warnings):
        click.echo(f"warning: {line}", err=True)
    diffs = [unified_diff(f) for f in fixed_files if f.changed]
    click.echo("".join(diffs), nl=False)
    count = sum(len(f.fixed) for f in fixed_files)
    click.echo(f"Would fix {plural(count, 'finding')} in {plural(len(diffs), 'file')}.", err=True)
    sys.exit(EXIT_ERROR if result.errors else (EXIT_FINDINGS if diffs else EXIT_CLEAN))


def _apply_fixes(result: RunResult, checker: Checker, unsafe_fixes: bool, show_fixes: bool) -> None:
    """Write the fixes; what remains afterwards is what the run reports."""
    from txmix_hook.fixing import fix_outcomes, show_fixes as show_fixes_report, write_fixed
    from txmix_hook.runner import FileOutcome
    from txmix_hook.source import decode_source

    fixed_files = fix_outcomes(result.outcomes, checker, unsafe_fixes)
    for line in (w for f in fixed_files for w in f.warnings):
        click.echo(f"warning: {line}", err=True)
    written = write_fixed(fixed_files)
    for line in written.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in written.errors:
        click.echo(f"error: {line}", err=True)
    result.errors.extend(written.errors)
    if written.summary():
        click.echo(written.summary(), err=True)
    if show_fixes:
        click.echo(show_fixes_report(fixed_files), nl=False, err=True)
    result.fixed = sum(len(f.fixed) for f in fixed_files)
    result.findings = sorted((finding for f in fixed_files for finding in f.remaining), key=lambda f: f.sort_key)
    result.outcomes = [
        FileOutcome(decode_source(f.encoded(), f.source.path, f.source.display), f.remaining) for f in fixed_files if f.remaining
    ]


def _add_noqa_and_exit(result: RunResult) -> None:
    from txmix_hook.add_noqa import add_noqa as add_noqa_comments

    added = add_noqa_comments(result.outcomes)
    for line in [*(added.unplaceable or []), *added.writes.warnings]:
        click.echo(f"warning: {line}", err=True)
    for line in added.writes.errors:
        click.echo(f"error: {line}", err=True)
    click.echo(f"Added {plural(added.added, 'txmix: ignore comment')} to {plural(added.files, 'file')}.", err=True)
    if added.writes.summary():
        click.echo(added.writes.summary(), err=True)
    sys.exit(EXIT_ERROR if result.errors or added.writes.errors else EXIT_CLEAN)


def _compare_with_baseline(result: RunResult, baseline: Path) -> str:
    from txmix_hook.baseline import compare as compare_with_baseline, load_baseline

    comparison = compare_with_baseline(result.findings, load_baseline(baseline))
    result.findings = comparison.new
    for entry in comparison.fixed:
        click.echo(f"fixed: {entry.get('filename', '?')}: {entry.get('code', '?')} in `{entry.get('scope', '?')}`", err=True)
    return f" {comparison.known} known in the baseline; {len(comparison.fixed)} fixed since the baseline."


def _summary(result: RunResult, unsafe_fixes: bool) -> str:
    checked = f"{plural(result.files_checked, 'file')} checked"
    suppressed = f", {result.suppressed} suppressed" if result.suppressed else ""
    fixed = f"Fixed {plural(result.fixed, 'finding')}. " if result.fixed else ""
    if not result.findings:
        if result.errors:
            return f"{fixed}No findings; {len(result.errors)} file(s) could not be checked ({checked}{suppressed})."
        return f"{fixed}All checks passed! ({checked}{suppressed})"
    safe, unsafe = fixable_counts(result.findings)
    hints = []
    if safe:
        hints.append(f"{safe} fixable with --fix")
    if unsafe and not unsafe_fixes:
        hints.append(f"{unsafe} more {'fix' if unsafe == 1 else 'fixes'} available with --unsafe-fixes")
    hint = f" {'; '.join(hints)}." if hints else ""
    return f"{fixed}Found {plural(len(result.findings), 'finding')} in {plural(result.files_with_findings, 'file')} ({checked}{suppressed}).{hint}"


@main.command()
def server() -> None:
    """Run the language server on standard input/output (for editors; see README, Editors)."""
    from txmix_hook.server.app import run  # pygls is imported only when an editor starts us

    run()

