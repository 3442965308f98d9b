import threading
import time
from datetime import datetime

from sched.db import lease_pool, make_session
from sched.models import ScheduledRun


class Runner:
    def __init__(self, name: str) -> None:
        self.name = name
        self._stop = threading.Event()

    def _renew_lease(self) -> None:
        while not self._stop.is_set():
            with lease_pool.connection() as conn:
                conn.execute("UPDATE leases SET expires_at = now() + interval '30 seconds' WHERE holder = %s", (self.name,))
            time.sleep(10)

    def run_once(self, job: str) -> None:
        keeper = threading.Thread(target=self._renew_lease, daemon=True)
        keeper.start()
        try:
            with make_session() as session:
                session.add(ScheduledRun(job=job, ran_at=datetime.utcnow()))
                session.commit()
        finally:
            self._stop.set()
            keeper.join()
