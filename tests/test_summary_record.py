"""A summary record crosses processes and the cache with its index facts in the clear and the
summary itself pickled, unpickled on first use (``txmix_hook.summary.record``)."""

from __future__ import annotations

import pickle

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
