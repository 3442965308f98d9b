from datetime import date, timedelta

from fastapi import APIRouter, Depends, HTTPException
from sqlmodel import Session

from app import crud
from app.db import get_session
from app.models import Book, Loan

router = APIRouter()


@router.post("/books/{book_id}/loans")
def lend_book(book_id: int, member_id: int, session: Session = Depends(get_session)):
    book = session.get(Book, book_id)
    if book is None or book.available < 1:
        raise HTTPException(409, "not available")
    if crud.member_has_overdue(member_id):  # expect: TXM002
        raise HTTPException(403, "member has overdue loans")
    book.available -= 1
    loan = Loan(book_id=book.id, member_id=member_id, due=date.today() + timedelta(days=21))
    session.add(loan)
    session.commit()
    return {"loan": loan.id}
