from celery import Celery

app = Celery("etl", broker="redis://localhost:6379/3")
