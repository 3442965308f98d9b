from sqlalchemy.orm import Session

from ops.db import pool
from ops.models import FeatureFlag


def load_flags(session: Session, flags: dict[str, bool]) -> None:
    for name, enabled in flags.items():
        session.merge(FeatureFlag(name=name, enabled=enabled))


def bust_flag_cache() -> None:
    with pool.connection() as conn:
        conn.execute("DELETE FROM flag_cache")
