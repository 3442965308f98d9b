from datetime import date

from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from app.booking_service import place_booking
from app.db import get_db
from app.rates import quote

app = FastAPI()


@app.post("/bookings")
def create_booking(hotel_id: int, check_in: date, nights: int, db: Session = Depends(get_db)):
    booking = place_booking(db, hotel_id, check_in, nights)
    return {"id": booking.id, "price": str(booking.price)}


@app.get("/quote")
def get_quote(hotel_id: int, check_in: date, nights: int):
    return {"price": quote(hotel_id, check_in, nights)}
