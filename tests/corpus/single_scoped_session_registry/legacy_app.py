import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://legacy@localhost/legacy")
db_session = scoped_session(sessionmaker(bind=engine))


def rename_customer(customer_id: int, name: str) -> None:
    db_session.execute(Customer.update_name(customer_id, name))
    conn = psycopg2.connect("dbname=legacy")  # expect: TXM001
    conn.cursor().execute("UPDATE invoices SET customer_name = %s WHERE customer_id = %s", (name, customer_id))
    conn.commit()
    db_session.commit()


class Customer:
    @staticmethod
    def update_name(customer_id: int, name: str):
        from sqlalchemy import column, table, update

        return update(table("customers", column("id"), column("name"))).where(column("id") == customer_id).values(name=name)
