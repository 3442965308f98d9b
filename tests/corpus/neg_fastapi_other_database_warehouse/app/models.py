from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Signup(Base):
    __tablename__ = "signups"
    id = Column(Integer, primary_key=True)
    email = Column(String(255))
    source = Column(String(64))
