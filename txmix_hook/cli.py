"""The ``txmix`` command line (click). Exit codes: 0 clean, 1 findings, 2 usage/config/internal error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from txmix_hook import __version__
from txmix_hook.report.formats import FORMATS
from txmix_hook.rules.errors import RuleError
from txmix_hook.rules.loader import load_rulebook
from txmix_hook.runner import run_check

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class TxmixGroup(click.Group):
    """Turns every expected failure into one ``txmix: error:`` line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RuleError as exc:
            _fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted")
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
            _fail(f"internal error: {type(exc).__name__}: {exc}")
        return None


def _fail(message: str) -> None:
    click.echo(f"txmix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=TxmixGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="txmix", message="%(prog)s %(version)s")
def main() -> None:
    """Find SQLAlchemy ORM and raw PostgreSQL driver work mixed in one transaction."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default="concise", show_default=True)
@click.option("--select", default=None, help="Comma-separated rule codes to run (default: all).")
@click.option("--ignore", default=None, help="Comma-separated rule codes to skip.")
@click.option("--extend-rules", "extend_rules", multiple=True, type=click.Path(path_type=Path), help="Folder of extra YAML rules.")
def check(paths: tuple[Path, ...], output_format: str, select: str | None, ignore: str | None, extend_rules: tuple[Path, ...]) -> None:
    """Check PATHS (files or directories; default: the current directory)."""
    book = load_rulebook(extend_rules)
    rules = _selected_rules(book, select, ignore)
    result = run_check(list(paths) or [Path(".")], book, rules)
    for line in result.warnings:
        click.echo(line, err=True)
    for line in result.errors:
        click.echo(f"{line}", err=True)
    click.echo(FORMATS[output_format](result.findings), nl=False)
    click.echo(_summary(result), err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


def _selected_rules(book, select: str | None, ignore: str | None):  # type: ignore[no-untyped-def]
    def codes(value: str | None, option: str) -> list[str]:
        items = [c.strip() for c in (value or "").split(",") if c.strip()]
        for code in items:
            if not any(rule_id.startswith(code) for rule_id in book.rules):
                raise click.BadParameter(f"unknown rule code {code!r}", param_hint=option)
        return items

    selected, ignored = codes(select, "--select"), codes(ignore, "--ignore")
    return [
        rule
        for rule_id, rule in sorted(book.rules.items())
        if (not selected or any(rule_id.startswith(c) for c in selected)) and not any(rule_id.startswith(c) for c in ignored)
    ]


def _summary(result) -> str:  # type: ignore[no-untyped-def]
    checked = f"{result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
    if not result.findings:
        return f"All checks passed! ({checked})" if not result.errors else f"No findings, {len(result.errors)} file(s) could not be checked ({checked})."
    n, files = len(result.findings), result.files_with_findings
    return f"Found {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''} ({checked})."


@main.group()
def rule() -> None:
    """Inspect the loaded rules."""


@rule.command("list")
@click.option("--extend-rules", "extend_rules", multiple=True, type=click.Path(path_type=Path))
def rule_list(extend_rules: tuple[Path, ...]) -> None:
    """List every rule: id, name, severity, scope, origin."""
    book = load_rulebook(extend_rules)
    for rule_id, r in sorted(book.rules.items()):
        origin = "built-in" if r.builtin else r.origin
        click.echo(f"{rule_id}  {r.name:<48} {r.severity:<8} {r.scope:<9} {origin}")
