"""A summary record crosses processes and the cache with its index facts in the clear and the
summary itself pickled, unpickled on first use (``txmix_hook.summary.record``)."""

from __future__ import annotations

import pickle

from txmix_hook.analysis import Analysis
from txmix_hook.settings import CommandLine, build_settings
from txmix_hook.summary.build import summarise
from txmix_hook.summary.record import SummaryRecord

SOURCE = b'''\
import psycopg2
from flask import g

handler = lambda: None  # txmix: ignore[TXM001]


class Repo:
    def save(self):
        g.conn = psycopg2.connect("dbname=shop")


def helper(:
'''


def test_a_record_keeps_what_reporting_and_the_index_need_in_the_clear() -> None:
    summary = summarise(SOURCE, "app.repo", False, ())
    record = pickle.loads(pickle.dumps(SummaryRecord.of(summary)))
    assert record.module == "app.repo"
    assert {"Repo", "save", "handler"} <= record.callables
    assert record.has_stores
    assert [c.row for c in record.comments] == [4]
    assert record.syntax_error is not None and record.syntax_error[0] == 12
    assert record._summary is None  # still pickled
    assert record.summary.module == "app.repo" and record.summary.scopes[-1].qualname == summary.scopes[-1].qualname
    assert record._summary is record.summary  # unpickled once


def test_names_and_comments_survive_every_round_trip_while_still_stored() -> None:
    """Stored, the names are one string and the comments a pickle of their own, decoded on
    first use: a header copied or pickled again before that must hand back the same ones."""
    record = SummaryRecord.of(summarise(SOURCE, "app.repo", False, ()))
    names, comments = record.callables, record.comments
    stored = pickle.loads(pickle.dumps(record))
    again = pickle.loads(pickle.dumps(stored.header()))  # neither decoded on the way
    for each in (stored, again, pickle.loads(pickle.dumps(again))):
        assert each.callables == names and each.comments == comments
    bare = pickle.loads(pickle.dumps(SummaryRecord.of(summarise(b"x = 1\n", "plain", False, ()))))
    assert bare.callables == frozenset() and bare.comments == []


def test_the_body_is_pickled_once_and_shared_by_every_copy() -> None:
    record = SummaryRecord.of(summarise(SOURCE, "app.repo", False, ()))
    record.key = b"k" * 32
    first = pickle.dumps(record)
    body = record._body
    assert body is not None and pickle.dumps(record) == first and record._body is body
    assert pickle.loads(first).key == b"k" * 32


def test_a_module_without_stores_or_definitions_says_so() -> None:
    record = SummaryRecord.of(summarise(b"x = 1\n", "plain", False, ()))
    assert not record.has_stores and record.callables == frozenset() and record.syntax_error is None


def test_a_call_that_is_also_a_side_candidate_shares_its_position_and_names() -> None:
    """Every call is recorded twice (a call site and a connection candidate) and names repeat:
    kept as one object each, the pickled summary holds and reads back each once."""
    settings = build_settings(CommandLine(isolated=True))
    analysis = Analysis(settings.book, settings.pattern_rules)
    summary = pickle.loads(pickle.dumps(analysis.summarise(SOURCE + b"\nconn = psycopg2.connect()\nconn2 = conn\n", "app.repo", False)))
    call = next(c for c in summary.scopes[0].calls if c.pos.row == 14)
    side = next(s for s in summary.sides if s.pos.start_byte == call.pos.start_byte and s.pos.end_byte == call.pos.end_byte)
    assert side.pos is call.pos
    names = [b.expr for b in summary.scopes[0].bindings["conn2"]]
    assert names[0].id is side.name  # `conn`, the name both were given
