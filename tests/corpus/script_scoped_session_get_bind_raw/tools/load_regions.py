import csv
import io
import sys

from tools.db import db_session
from tools.models import Region


def load(path: str) -> int:
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows[:10]:
        db_session.merge(Region(code=row["code"], name=row["name"]))
    raw = db_session.get_bind().raw_connection()  # expect: TXM004
    try:
        buf = io.StringIO("".join(f"{r['code']}\t{r['wkt']}\n" for r in rows))
        raw.cursor().copy_from(buf, "region_shapes_staging", columns=("code", "wkt"))
        raw.commit()
    finally:
        raw.close()
    db_session.commit()
    return len(rows)


if __name__ == "__main__":
    print(load(sys.argv[1]))
