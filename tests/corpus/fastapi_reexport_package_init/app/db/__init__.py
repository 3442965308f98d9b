from .pg import pg_pool
from .session import SessionLocal, engine, get_session

__all__ = ["SessionLocal", "engine", "get_session", "pg_pool"]
