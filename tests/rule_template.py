"""One two-sided custom rule for the tests of YAML rule features: only the sides change."""

from __future__ import annotations


def two_sided_rule(raw: str, orm: str = "{ ref: sqlalchemy-session }", rule_id: str = "ACME001") -> str:
    """A rule reporting ``raw`` (a YAML flow mapping) next to ``orm`` in one function."""
    return f"""\
id: {rule_id}
name: orm-and-custom-raw-side
severity: error
scope: function
report-at: raw
message: "{{raw_label}} `{{raw}}` and {{orm_label}} `{{orm}}` in `{{scope_name}}`"
sides:
  orm: {orm}
  raw: {raw}
docs: {{ what: w, why: y, example: "x = 1\\n", use-instead: "x = 2\\n" }}
"""
