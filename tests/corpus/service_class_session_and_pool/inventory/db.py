from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg://inv:inv@localhost/inventory")
SessionLocal = sessionmaker(engine)
pg_pool = ConnectionPool("dbname=inventory user=inv password=inv host=localhost", open=True)
