import psycopg2
from fastapi import Depends, FastAPI

from app.auth import get_current_user
from app.database import PG_DSN
from app.models import User

app = FastAPI()


@app.get("/me/feed")
def my_feed(limit: int = 20, user: User = Depends(get_current_user)):
    conn = psycopg2.connect(PG_DSN)  # expect: TXM001
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT p.id, p.body FROM posts p JOIN follows f ON f.followee_id = p.author_id WHERE f.follower_id = %s ORDER BY p.id DESC LIMIT %s",
                (user.id, limit),
            )
            return [{"id": pid, "body": body} for pid, body in cur.fetchall()]
    finally:
        conn.close()


@app.get("/me")
def read_me(user: User = Depends(get_current_user)):
    return {"id": user.id, "username": user.username}
