import psycopg2

from jobs.db import URL, SessionLocal
from jobs.models import Webhook
from jobs.retry import with_retries


def redeliver_failed() -> int:
    with SessionLocal() as session:
        hooks = session.query(Webhook).filter_by(state="failed").all()
        for hook in hooks:
            hook.state = "pending"
            hook.attempts = 0
        conn = with_retries(lambda: psycopg2.connect(URL))  # expect: TXM001
        with conn, conn.cursor() as cur:
            cur.execute("DELETE FROM webhook_dead_letters WHERE webhook_id = ANY(%s)", ([h.id for h in hooks],))
        conn.close()
        session.commit()
        return len(hooks)


if __name__ == "__main__":
    print(redeliver_failed())
