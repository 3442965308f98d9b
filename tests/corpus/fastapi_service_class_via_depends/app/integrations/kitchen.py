import psycopg2

KITCHEN_DSN = "postgresql://food:food@localhost/food"


def enqueue_ticket(restaurant_id: int, order_id: int) -> None:
    conn = psycopg2.connect(KITCHEN_DSN)
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO kitchen_tickets (restaurant_id, order_id) VALUES (%s, %s)", (restaurant_id, order_id))
        conn.commit()
    finally:
        conn.close()
