from celery import Celery

celery = Celery("reports", broker="redis://redis:6379/0")
