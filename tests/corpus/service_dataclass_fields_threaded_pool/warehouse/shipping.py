from dataclasses import dataclass

import psycopg2.pool
from sqlalchemy.orm import Session

from warehouse.models import Shipment


@dataclass
class ShippingService:
    session: Session
    pool: psycopg2.pool.ThreadedConnectionPool

    def _release_dock_slot(self, shipment_id: int) -> None:
        conn = self.pool.getconn()
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE dock_slots SET shipment_id = NULL WHERE shipment_id = %s", (shipment_id,))
            conn.commit()
        finally:
            self.pool.putconn(conn)

    def dispatch(self, shipment_id: int, carrier: str, tracking: str) -> Shipment:
        shipment = self.session.get(Shipment, shipment_id)
        shipment.carrier = carrier
        shipment.tracking = tracking
        shipment.state = "dispatched"
        self._release_dock_slot(shipment_id)  # expect: TXM001
        self.session.commit()
        return shipment
