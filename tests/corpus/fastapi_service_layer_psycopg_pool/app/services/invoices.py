from decimal import Decimal

from sqlalchemy.orm import Session

from app.ledger import post_entry
from app.models import Invoice, Payment


class InvoiceNotFound(Exception):
    pass


def pay_invoice(session: Session, invoice_id: int, amount: Decimal) -> Payment:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    payment = Payment(invoice_id=invoice.id, amount=amount)
    session.add(payment)
    invoice.status = "paid" if amount >= invoice.amount else "partial"
    post_entry(invoice.account, -amount, f"payment for invoice {invoice.id}")  # expect: TXM002
    session.commit()
    return payment


def open_invoice(session: Session, account: str, amount: Decimal) -> Invoice:
    invoice = Invoice(account=account, amount=amount)
    session.add(invoice)
    session.commit()
    return invoice
