from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Vehicle
from app.telemetry import refresh_fleet_view, store_positions


def ingest_trip(vehicle_id: int, distance_km: float, points: list[tuple[float, float]], db: Session = Depends(get_db)):
    vehicle = db.get(Vehicle, vehicle_id)
    vehicle.odometer_km += distance_km
    store_positions(vehicle_id, points)  # expect: TXM001
    refresh_fleet_view()  # expect: TXM004
    db.commit()
    return {"odometer_km": vehicle.odometer_km}


def list_vehicles(db: Session = Depends(get_db)):
    return [{"id": v.id, "plate": v.plate} for v in db.query(Vehicle).all()]


router = APIRouter()
router.add_api_route("/vehicles/{vehicle_id}/trips", ingest_trip, methods=["POST"])
router.add_api_route("/vehicles", list_vehicles, methods=["GET"])
