from celery import Celery

app = Celery("catalog", broker="amqp://guest@rabbitmq//", backend="redis://redis:6379/1")
app.autodiscover_tasks(["catalog"])
