from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker(bind=create_engine("postgresql+psycopg://ops@localhost/ops"))
pool = ConnectionPool("postgresql://ops@localhost/ops", min_size=1, open=True)
