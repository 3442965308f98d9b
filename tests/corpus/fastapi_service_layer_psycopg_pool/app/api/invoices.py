from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.core.db import get_session
from app.services.invoices import InvoiceNotFound, open_invoice, pay_invoice

router = APIRouter(prefix="/invoices")


@router.post("/")
def create_invoice(account: str, amount: Decimal, session: Session = Depends(get_session)):
    invoice = open_invoice(session, account, amount)
    return {"id": invoice.id}


@router.post("/{invoice_id}/payments")
def add_payment(invoice_id: int, amount: Decimal, session: Session = Depends(get_session)):
    try:
        payment = pay_invoice(session, invoice_id, amount)
    except InvoiceNotFound:
        raise HTTPException(404, "invoice not found")
    return {"payment_id": payment.id}
