from uow.unit_of_work import UnitOfWork


def rent_bike(bike_id: int, customer_id: int) -> None:
    with UnitOfWork() as uow:
        uow.session.execute(Rental.insert_stmt(bike_id, customer_id))
        uow.events.append({"topic": "bike.rented", "bike_id": bike_id, "customer_id": customer_id})
        uow.commit()


class Rental:
    @staticmethod
    def insert_stmt(bike_id: int, customer_id: int):
        from sqlalchemy import column, insert, table

        return insert(table("rentals", column("bike_id"), column("customer_id"))).values(bike_id=bike_id, customer_id=customer_id)
