import logging

from worker.db import SessionLocal
from worker.listener import listen
from worker.models import Job

log = logging.getLogger("worker")


def process(job_id: int) -> None:
    with SessionLocal() as session:
        job = session.get(Job, job_id)
        if job is None or job.state != "queued":
            return
        job.state = "done"
        session.commit()


def run() -> None:
    for payload in listen("jobs_ready"):
        log.info("job %s ready", payload)
        process(int(payload))


if __name__ == "__main__":
    run()
