import threading
import time

import psycopg2
from sqlalchemy.orm import Session


def keepalive(worker_id: str) -> None:
    conn = psycopg2.connect("dbname=crawl")
    conn.autocommit = True
    while True:
        conn.cursor().execute("UPDATE workers SET seen_at = now() WHERE id = %s", (worker_id,))
        time.sleep(15)


def crawl(session: Session, worker_id: str, urls: list[str]) -> None:
    threading.Thread(target=keepalive, args=(worker_id,), daemon=True).start()
    for url in urls:
        session.add(Page(url=url))
    session.commit()


class Page:
    def __init__(self, url: str) -> None:
        self.url = url
