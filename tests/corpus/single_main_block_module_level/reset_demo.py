import psycopg2
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

DSN = "postgresql://demo@localhost/demo"

if __name__ == "__main__":
    session = Session(create_engine(DSN))
    session.execute(text("DELETE FROM demo_orders"))
    conn = psycopg2.connect(DSN)  # expect: TXM001
    conn.cursor().execute("SELECT setval('demo_orders_id_seq', 1, false)")
    conn.commit()
    session.commit()
