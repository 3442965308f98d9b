from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

URL = "postgresql://jobs:jobs@localhost/jobs"
engine = create_engine(URL)
SessionLocal = sessionmaker(engine)
