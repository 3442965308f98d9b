from sqlalchemy.orm import Session


def import_zones(session: Session, geojson_rows: list[tuple[str, str]]) -> int:
    existing = session.scalars(Zone.select_codes()).all()
    raw = session.bind.raw_connection()  # expect: TXM004
    cur = raw.cursor()
    for code, geom in geojson_rows:
        if code not in existing:
            cur.execute("INSERT INTO zones (code, geom) VALUES (%s, ST_GeomFromGeoJSON(%s))", (code, geom))
    raw.commit()
    raw.close()
    session.commit()
    return len(geojson_rows)


class Zone:
    @staticmethod
    def select_codes():
        from sqlalchemy import select, table, column

        return select(column("code")).select_from(table("zones"))
