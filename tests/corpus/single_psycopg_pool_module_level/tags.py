from psycopg_pool import ConnectionPool
from sqlalchemy.orm import Session

pool = ConnectionPool("postgresql://cms@localhost/cms", min_size=1)


def tag_article(session: Session, article, tag: str) -> None:
    article.tags.append(tag)
    session.flush()
    with pool.connection() as conn:  # expect: TXM002
        conn.execute("UPDATE tag_counts SET n = n + 1 WHERE tag = %s", (tag,))
    session.commit()
