"""``txmix rule ...``: list, explain, test, scaffold and describe rules."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import click

from txmix_hook.discovery import display_path
from txmix_hook.engine_rules import ENGINE_RULES
from txmix_hook.cache import open_cache
from txmix_hook.report.output import write_new_file
from txmix_hook.rules.files import rule_files
from txmix_hook.rules.model import Rule
from txmix_hook.rules.schema import FILE_SCHEMA, ID_PATTERN
from txmix_hook.settings import CommandLine, build_settings

_config_option = click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this config file.")
_isolated_option = click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
_extend_option = click.option("--extend-rules", "extend_rules", multiple=True, type=click.Path(path_type=Path), help="Folder of extra YAML rules.")


@click.group("rule")
def rule_group() -> None:
    """List, explain, test and write rules."""


@rule_group.command("list")
@_config_option
@_isolated_option
@_extend_option
def rule_list(config_path: Path | None, isolated: bool, extend_rules: tuple[Path, ...]) -> None:
    """Every rule: id, name, severity, scope, fix, origin."""
    settings = build_settings(CommandLine(config=config_path, isolated=isolated, extend_rules=extend_rules), cache=open_cache([]))
    for rule_id, r in sorted(settings.book.rules.items()):
        origin = _origin(r)
        fix = "-" if r.fix is None else (f"{r.fix.safety}" if r.fix.kinds else "suggestion")
        state = "" if r.enabled else "  (disabled)"
        click.echo(f"{rule_id:<7} {r.name:<48} {r.severity:<8} {r.scope:<9} {fix:<10} {origin}{state}")
    for rule_id, engine_rule in sorted(ENGINE_RULES.items()):
        click.echo(f"{rule_id:<7} {engine_rule.name:<48} {engine_rule.severity:<8} {'file':<9} {'safe':<10} built-in (engine)")


def _origin(rule: Rule) -> str:
    where = "built-in" if rule.builtin else display_path(Path(rule.origin))
    return f"{where} (overridden by {display_path(Path(rule.overridden_by))})" if rule.overridden_by else where


@rule_group.command("explain")
@click.argument("rule_id")
@_config_option
@_isolated_option
@_extend_option
def rule_explain(rule_id: str, config_path: Path | None, isolated: bool, extend_rules: tuple[Path, ...]) -> None:
    """Print a rule's documentation: what it does, why it is bad, example, use instead, fix safety."""
    settings = build_settings(CommandLine(config=config_path, isolated=isolated, extend_rules=extend_rules))
    rule = settings.book.rules.get(rule_id)
    engine_rule = ENGINE_RULES.get(rule_id)
    if rule is None and engine_rule is None:
        known = ", ".join(sorted([*settings.book.rules, *ENGINE_RULES]))
        raise click.BadParameter(f'unknown rule code "{rule_id}" (known: {known})', param_hint="RULE_ID")
    if rule is not None:
        fix = "none" if rule.fix is None else (f"{rule.fix.safety} ({', '.join(rule.fix.kinds)})" if rule.fix.kinds else "suggestion only")
        header = f"{rule.id} ({rule.name})\nSeverity: {rule.severity}. Scope: {rule.scope}. Fix: {fix}. Origin: {_origin(rule)}."
        docs = rule.docs
    else:
        assert engine_rule is not None
        header = f"{engine_rule.id} ({engine_rule.name})\nSeverity: {engine_rule.severity}. Fix: safe. Origin: built-in (engine)."
        docs = engine_rule.docs
    sections = [("What it does", "what"), ("Why is this bad?", "why"), ("Example", "example"), ("Use instead", "use-instead"), ("Fix safety", "fix-safety")]
    out = [header, ""]
    for title, key in sections:
        if key not in docs:
            continue
        body = docs[key].rstrip()
        is_code = key in ("example", "use-instead")
        out += [f"## {title}", "", textwrap.indent(body, "    ") if is_code else textwrap.fill(" ".join(body.split()), 92, break_long_words=False, break_on_hyphens=False), ""]
    click.echo("\n".join(out).rstrip())


@rule_group.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@_config_option
@_isolated_option
def rule_test(paths: tuple[Path, ...], config_path: Path | None, isolated: bool) -> None:
    """Run rules' embedded tests and annotated test files (`# ruleid: ID` / `# ok: ID`).

    Without PATHS: the built-in rules and those under `extend-rules`. With PATHS: the rules in
    those YAML files or folders, and the annotated `.py` files among them (a rule file's
    same-named `.py` beside it is picked up too).
    """
    rule_paths = [p for p in paths if p.is_dir() or p.suffix in (".yaml", ".yml")]
    test_paths = [p for p in paths if p.is_file() and p.suffix == ".py"]
    settings = build_settings(CommandLine(config=config_path, isolated=isolated, extend_rules=tuple(rule_paths)))
    book = settings.book
    if paths:
        chosen = {f.resolve() for folder in rule_paths for f in rule_files(folder)}
    else:
        chosen = {f.resolve() for folder in settings.config.extend_rules for f in rule_files(folder)}
    rules = [r for r in book.rules.values() if Path(r.origin).resolve() in chosen or (not paths and r.builtin)]
    rule_origins = {Path(r.origin).resolve() for r in rules}
    empty = [display_path(p) for p in rule_paths if not rule_origins & {f.resolve() for f in rule_files(p)}]
    if empty:
        raise click.UsageError(f"no rules found in {', '.join(empty)} (a rule is a YAML document with an `id:`, in a *.yaml / *.yml file)")
    beside = [o.with_suffix(".py") for o in sorted(rule_origins) if o.with_suffix(".py").is_file()]
    test_files = [(p, display_path(p)) for p in dict.fromkeys([*test_paths, *beside])]
    from txmix_hook.ruletest import run_suite  # the test machinery, only for `rule test`

    result = run_suite(book, sorted(rules, key=lambda r: r.id), test_files)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for failure in result.failures:
        click.echo(f"FAIL {failure}")
    click.echo(result.summary)
    sys.exit(1 if result.failures else 0)


@rule_group.command("new")
@click.argument("rule_id")
@click.option("--name", default="my-orm-and-raw-helper", show_default=True, help="The rule's kebab-case name.")
@click.option("--output", "output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead of stdout (never overwrites).")
def rule_new(rule_id: str, name: str, output: Path | None) -> None:
    """Scaffold a rule file with every section and one valid and one invalid test."""
    if not re.match(ID_PATTERN, rule_id):
        raise click.BadParameter(f'"{rule_id}" is not a rule id like ACME001 (capital letters, then digits)', param_hint="RULE_ID")
    text = SCAFFOLD.replace("ACME001", rule_id).replace("my-orm-and-raw-helper", name)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise click.UsageError(f"{output} already exists; choose another --output")
    write_new_file(output, text.encode("utf-8"))
    click.echo(f"Wrote {output}; run `txmix rule test {output}` to try it.", err=True)


@rule_group.command("schema")
def rule_schema() -> None:
    """Print the JSON Schema of rule files (for your editor's YAML language server)."""
    click.echo(json.dumps(FILE_SCHEMA, indent=2))


SCAFFOLD = '''\
# A txmix rule: see docs/rules.md for every key. Try it with `txmix rule test <this file>`.
id: ACME001
name: my-orm-and-raw-helper
severity: error            # error | warning | info
scope: function
report-at: raw             # the side whose first use is the finding's location
message: >-
  {raw_label} `{raw}` runs in its own transaction, but {orm_label} `{orm}` (line {orm_line})
  also works in `{scope_name}`
sides:
  orm: { ref: sqlalchemy-session }   # a built-in pattern set
  raw:                               # your own: what makes a value a raw connection
    label: raw connection from get_raw_conn()
    values:
      - call: myapp.db.get_raw_conn  # resolved through imports
    queries:
      - (call) @value                # the call that makes it
      - |
        (call function: (attribute object: (_) @value)) @match
fix:
  safety: unsafe
  message: run this SQL on the session instead (`{orm}.execute(text(...))`)
docs:
  what: Finds a function that uses an ORM session and also calls get_raw_conn().
  why: >-
    get_raw_conn() returns a second connection with its own transaction: it cannot see the
    session's uncommitted rows, and a rollback undoes only one side.
  example: |
    def settle(db: Session) -> None:
        db.add(Settlement())
        get_raw_conn().cursor().execute("UPDATE ledger SET settled = true")
  use-instead: |
    def settle(db: Session) -> None:
        db.add(Settlement())
        db.execute(text("UPDATE ledger SET settled = true"))
  fix-safety: No automatic fix; the message says what to do.
tests:
  invalid:
    - |
      from sqlalchemy.orm import Session
      from myapp.db import get_raw_conn

      def settle(db: Session):
          db.add(object())
          # ruleid: ACME001
          get_raw_conn().cursor().execute("UPDATE ledger SET settled = true")
  valid:
    - |
      from sqlalchemy import text
      from sqlalchemy.orm import Session

      def settle(db: Session):
          db.add(object())
          db.execute(text("UPDATE ledger SET settled = true"))
'''
