"""The placeholder converter, checked with SQLAlchemy's real text() as the consumer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from txmix_hook.fixes.sql_params import ConversionError, convert

PLAIN = st.sampled_from(["SELECT ", "a", ", ", " = ", "t.col", " WHERE ", "(", ")", "1", " AND "])
CAST = st.sampled_from(["x::int", "now()::date", "'1'::text"])
QUOTED = st.sampled_from(["'%s'", "'it''s :x'", "' :y '", "'$1'", '"Col:Name"'])
DOLLAR = st.sampled_from(["$$ %s $1 :z $$", "$fn$ select :a, $2 $fn$"])


def fragments(placeholder: st.SearchStrategy[str], extra: list[st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.one_of(PLAIN, CAST, QUOTED, DOLLAR, placeholder, *extra), min_size=1, max_size=25)


def compiled(sql: str) -> str:
    return text(sql).compile().string


@settings(max_examples=300, deadline=None)
@given(fragments(st.sampled_from(["%s", "%s::int"]), [st.just("100%%")]))
def test_psycopg_positional_keeps_every_parameter(parts: list[str]) -> None:
    sql = " ".join(parts)
    expected = sum(p.count("%s") for p in parts if p in ("%s", "%s::int"))
    result = convert(sql, "pyformat")
    assert len(text(result.sql)._bindparams) == expected
    assert result.names == tuple(f"p{i}" for i in range(1, expected + 1))
    out = compiled(result.sql)
    for literal in ("'%s'", "'it''s :x'", "' :y '", "'$1'", '"Col:Name"', "$$ %s $1 :z $$", "$fn$ select :a, $2 $fn$"):
        assert out.count(literal) == sql.count(literal)
    assert out.count("::int") == sql.count("::int")
    assert "%%" not in result.sql


@settings(max_examples=300, deadline=None)
@given(fragments(st.sampled_from(["%(a)s", "%(b)s", "%(user_id)s::int"]), []))
def test_psycopg_named_keeps_every_name(parts: list[str]) -> None:
    sql = " ".join(parts)
    expected = {name for name in ("a", "b", "user_id") if f"%({name})s" in sql}
    result = convert(sql, "pyformat")
    assert set(text(result.sql)._bindparams) == expected
    assert not result.positional


@settings(max_examples=300, deadline=None)
@given(fragments(st.sampled_from(["$1", "$2", "$3::int"]), []))
def test_asyncpg_numeric_keeps_every_parameter(parts: list[str]) -> None:
    sql = " ".join(parts)
    used = {int(p[1]) for p in parts if p.startswith("$") and p[1:2].isdigit()}
    result = convert(sql, "numeric")
    assert set(text(result.sql)._bindparams) == {f"p{n}" for n in used}
    assert set(result.numbers) == used
    out = compiled(result.sql)
    assert out.count("$$ %s $1 :z $$") == sql.count("$$ %s $1 :z $$")
    assert out.count("::int") == sql.count("::int")


def test_sql_without_parameters_is_kept_verbatim_but_for_colons() -> None:
    from txmix_hook.fixes.sql_params import verbatim

    result = verbatim("SELECT '100%%', %s, x::int, ':y'")
    assert result.sql == "SELECT '100%%', %s, x::int, '\\:y'"
    assert compiled(result.sql) == "SELECT '100%%', %s, x::int, ':y'"
    assert not text(result.sql)._bindparams


def test_examples() -> None:
    assert convert("UPDATE stock SET n = n - %s WHERE sku = %s", "pyformat").sql == "UPDATE stock SET n = n - :p1 WHERE sku = :p2"
    assert convert("SELECT %(id)s::int", "pyformat").sql == "SELECT :id ::int"
    assert convert("SELECT $1, $1", "numeric").names == ("p1",)
    assert convert("SELECT 'a:b' || :c", "numeric").sql == "SELECT 'a:b' || \\:c"
    assert convert("LIMIT%s", "pyformat").sql == "LIMIT :p1"


@pytest.mark.parametrize(("sql", "style"), [("SELECT %s, %(a)s", "pyformat"), ("SELECT 5 % 3", "pyformat"), ("SELECT 'x", "numeric"), ("SELECT $$ x", "numeric")])
def test_unconvertible_sql_is_refused(sql: str, style: str) -> None:
    with pytest.raises(ConversionError):
        convert(sql, style)
