from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Membership(Base):
    __tablename__ = "memberships"
    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, nullable=False)
    user_id = Column(Integer, nullable=False)
    role = Column(String(16), default="member")
