from psycopg_pool import ConnectionPool

from app.core.settings import settings

pool = ConnectionPool(conninfo=settings.pg_conninfo, min_size=2, max_size=10, open=False)
