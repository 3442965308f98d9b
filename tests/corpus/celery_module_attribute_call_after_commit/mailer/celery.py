from celery import Celery

app = Celery("mailer")
app.config_from_object("mailer.celeryconfig")
