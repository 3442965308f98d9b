from celery import Celery

from app.config import CELERY_BROKER_URL

celery_app = Celery("shop", broker=CELERY_BROKER_URL)
celery_app.conf.task_acks_late = True
