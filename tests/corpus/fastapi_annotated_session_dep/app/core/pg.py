import psycopg2
import psycopg2.extras

from app.core.config import settings


def get_pg():
    return psycopg2.connect(settings.POSTGRES_DSN, cursor_factory=psycopg2.extras.RealDictCursor)
