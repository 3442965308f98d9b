from psycopg2.pool import ThreadedConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://wh:wh@localhost/warehouse"
engine = create_engine(DSN)
Session = sessionmaker(bind=engine)
pool = ThreadedConnectionPool(2, 20, DSN)
