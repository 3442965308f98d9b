from psycopg_pool import ConnectionPool

pg_pool = ConnectionPool("postgresql://notes:notes@localhost/notes", min_size=1, max_size=4)
