from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://docs@localhost/docs")


def archive_document(session: Session, doc_id: int) -> None:
    with engine.begin() as conn:  # expect: TXM005
        conn.execute(text("INSERT INTO documents_archive SELECT * FROM documents WHERE id = :id"), {"id": doc_id})
    session.execute(text("DELETE FROM documents WHERE id = :id"), {"id": doc_id})
    session.commit()
