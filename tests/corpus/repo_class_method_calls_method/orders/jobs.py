from orders.database import Session, archive_pool
from orders.repository import OrderRepository


def nightly_archive() -> int:
    repo = OrderRepository(Session(), archive_pool)
    try:
        return repo.archive_closed()
    finally:
        Session.remove()
