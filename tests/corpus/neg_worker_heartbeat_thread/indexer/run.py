import threading

from indexer.db import SessionLocal
from indexer.heartbeat import heartbeat
from indexer.models import Document


def index_batch(limit: int = 100) -> int:
    threading.Thread(target=heartbeat, args=("indexer-1",), daemon=True).start()
    with SessionLocal() as session:
        docs = session.query(Document).filter_by(indexed=False).limit(limit).all()
        for doc in docs:
            doc.indexed = True
        session.commit()
        return len(docs)


if __name__ == "__main__":
    index_batch()
