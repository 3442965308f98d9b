from sqlalchemy.orm import Session

from app.models import Booking
from app.rates import quote


def place_booking(db: Session, hotel_id: int, check_in, nights: int) -> Booking:
    price = quote(hotel_id, check_in, nights)  # expect: TXM001
    booking = Booking(hotel_id=hotel_id, check_in=check_in, nights=nights, price=price, currency="EUR")
    db.add(booking)
    db.commit()
    return booking
