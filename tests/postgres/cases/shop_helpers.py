"""The in-house helper TXM006's proof declares as a raw-connection factory."""

import psycopg2


def raw_conn(dsn):
    return psycopg2.connect(dsn)
