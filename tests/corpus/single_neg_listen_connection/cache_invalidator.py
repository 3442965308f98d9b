import select

import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("postgresql://cache@localhost/cache")


def watch_config_changes() -> None:
    listener = psycopg2.connect("dbname=cache")
    listener.autocommit = True
    listener.cursor().execute("LISTEN config_changed")
    while True:
        select.select([listener], [], [], 30)
        listener.poll()
        while listener.notifies:
            key = listener.notifies.pop().payload
            with Session(engine) as session:
                session.execute(ConfigEntry.touch(key))
                session.commit()


class ConfigEntry:
    @staticmethod
    def touch(key: str):
        from sqlalchemy import column, table, update

        return update(table("config_cache", column("key"), column("stale"))).where(column("key") == key).values(stale=True)
