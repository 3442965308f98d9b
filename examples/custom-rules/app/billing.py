"""ACME billing: a mix only the custom rule sees (the built-ins do not know ACME's helpers)."""

from acme.db import get_raw_conn, uow


def settle(invoice_id: int) -> None:
    with uow() as tx:
        tx.add(Settlement(invoice_id=invoice_id))
        conn = get_raw_conn()
        conn.cursor().execute("UPDATE ledger SET settled = true WHERE invoice = %s", (invoice_id,))
        conn.commit()


class Settlement:
    def __init__(self, invoice_id: int) -> None:
        self.invoice_id = invoice_id
