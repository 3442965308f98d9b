from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://exp:exp@localhost/crm"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
