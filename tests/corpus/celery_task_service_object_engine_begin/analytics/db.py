from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://an@localhost/analytics")
SessionLocal = sessionmaker(bind=engine)
