from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg://sched@localhost/sched")
make_session = sessionmaker(engine, class_=Session)
lease_pool = ConnectionPool("postgresql://sched@localhost/sched", max_size=2)
