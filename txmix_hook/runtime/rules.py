"""The rule ids the run-time guard reports: the built-in static rules' ids, in one small table.

The guard names the same rule a static finding would, so a team can look a run-time report up
in the rule docs (``txmix rule show TXM001``). It does not load the YAML rules (that would pull
in pyyaml and the engine); ``tests/runtime/test_rule_table.py`` reads ``rules/*.yaml`` as text
and checks that every id and name here agrees with its rule file.
"""

from __future__ import annotations

from typing import NamedTuple


class RuntimeRule(NamedTuple):
    id: str
    name: str
    raw_side: str  # how a report names the connection that ran the statement


RULES: dict[str, RuntimeRule] = {
    rule.id: rule
    for rule in (
        RuntimeRule("TXM001", "orm-and-psycopg2-in-one-scope", "a psycopg2 connection"),
        RuntimeRule("TXM002", "orm-and-psycopg3-in-one-scope", "a psycopg 3 connection"),
        RuntimeRule("TXM003", "orm-and-asyncpg-in-one-scope", "an asyncpg connection"),
        RuntimeRule("TXM004", "orm-and-engine-raw-connection-in-one-scope", "a connection from engine.raw_connection()"),
        RuntimeRule("TXM005", "orm-and-second-engine-connection-in-one-scope", "a second engine connection (engine.connect()/begin())"),
    )
}
