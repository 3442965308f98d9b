import sys

from warehouse.infra import Session, pool
from warehouse.shipping import ShippingService

if __name__ == "__main__":
    with Session() as session:
        service = ShippingService(session=session, pool=pool)
        service.dispatch(int(sys.argv[1]), sys.argv[2], sys.argv[3])
