from celery import Celery

celery_app = Celery("analytics", broker="redis://localhost:6379/4")
