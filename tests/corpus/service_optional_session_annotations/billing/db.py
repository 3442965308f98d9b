from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg://billing@localhost/billing")
SessionLocal = sessionmaker(engine, class_=Session)
