from psycopg2.pool import SimpleConnectionPool

pool = SimpleConnectionPool(1, 8, dsn="postgresql://travel:travel@localhost/travel")
