from psycopg_pool import ConnectionPool

pool = ConnectionPool("postgresql://notify@localhost/notify", min_size=1, max_size=4)
