from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://mailer:mailer@localhost/mailer")
SessionLocal = sessionmaker(bind=engine)
