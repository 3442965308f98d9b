import json
import sys

from ops.db import SessionLocal
from ops.steps import bust_flag_cache, load_flags

if __name__ == "__main__":
    flags = json.load(open(sys.argv[1]))
    session = SessionLocal()
    load_flags(session, flags)
    bust_flag_cache()  # expect: TXM002
    session.commit()
    session.close()
