from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://reports@postgres/reports")
SessionLocal = sessionmaker(bind=engine)
