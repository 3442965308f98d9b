from sqlalchemy import Column, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Posting(Base):
    __tablename__ = "postings"
    id = Column(Integer, primary_key=True)
    title = Column(String(200))
    description = Column(Text)
