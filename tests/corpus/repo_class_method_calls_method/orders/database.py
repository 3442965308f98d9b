from psycopg2.pool import ThreadedConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

DSN = "postgresql://orders:orders@db/orders"

engine = create_engine(DSN)
Session = scoped_session(sessionmaker(bind=engine))
archive_pool = ThreadedConnectionPool(1, 5, DSN)
