from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://lab@localhost/lab")
SessionLocal = sessionmaker(bind=engine)
