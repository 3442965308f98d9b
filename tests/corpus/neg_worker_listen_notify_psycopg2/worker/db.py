from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://queue:queue@localhost/queue"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
