import psycopg2

DSN = "postgresql://mailer:mailer@localhost/mailer"


def record_send(campaign_id: int, recipients: int) -> None:
    conn = psycopg2.connect(DSN)
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO campaign_stats (campaign_id, recipients) VALUES (%s, %s)", (campaign_id, recipients))
        conn.commit()
    finally:
        conn.close()
