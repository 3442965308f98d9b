import psycopg
from sqlalchemy.orm import Session


def publish_post(session: Session, post) -> None:
    post.published = True
    session.commit()
    with psycopg.connect("dbname=blog") as conn:  # expect: TXM002
        conn.execute("INSERT INTO feed_items (post_id) VALUES (%s)", (post.id,))
