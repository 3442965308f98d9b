import psycopg
from sqlalchemy.orm import Session


def add_comment(session: Session, post_id: int, author: str, body: str) -> None:
    def bump_counter() -> None:
        with psycopg.connect("dbname=blog") as conn:
            conn.execute("UPDATE posts SET comment_count = comment_count + 1 WHERE id = %s", (post_id,))

    session.add(Comment(post_id=post_id, author=author, body=body))
    bump_counter()  # expect: TXM002
    session.commit()


class Comment:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
