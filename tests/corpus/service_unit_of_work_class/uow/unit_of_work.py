import json

import psycopg2

from uow.db import DSN, SessionLocal


class UnitOfWork:
    """Session for the aggregates, a psycopg2 connection for the outbox."""

    def __enter__(self) -> "UnitOfWork":
        self.session = SessionLocal()
        self.outbox = psycopg2.connect(DSN)
        self.events: list[dict] = []
        return self

    def __exit__(self, *exc) -> None:
        self.session.close()
        self.outbox.close()

    def _publish(self) -> None:
        with self.outbox.cursor() as cur:
            for event in self.events:
                cur.execute("INSERT INTO outbox (topic, payload) VALUES (%s, %s)", (event["topic"], json.dumps(event)))
        self.outbox.commit()

    def commit(self) -> None:
        self.session.flush()
        self._publish()  # expect: TXM001
        self.session.commit()
