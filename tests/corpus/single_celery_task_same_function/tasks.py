import psycopg2
from celery import Celery
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

celery_app = Celery("tasks", broker="redis://localhost:6379/0")
SessionLocal = sessionmaker(bind=create_engine("postgresql://media@localhost/media"))


@celery_app.task(bind=True)
def transcode_done(self, video_id: int, url: str) -> None:
    session = SessionLocal()
    video = session.get(Video, video_id)
    video.url = url
    video.state = "ready"
    conn = psycopg2.connect("dbname=media")  # expect: TXM001
    conn.cursor().execute("DELETE FROM transcode_queue WHERE video_id = %s", (video_id,))
    conn.commit()
    session.commit()
    session.close()


class Video:
    url: str
    state: str
