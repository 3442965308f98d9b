from sqlalchemy import text
from sqlalchemy.orm import Session


def rebuild_daily_sales(session: Session, day) -> int:
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM daily_sales WHERE day = %(day)s", {"day": day})
    result = conn.execute(
        text("INSERT INTO daily_sales (day, sku, units) SELECT :day, sku, sum(quantity) FROM order_lines WHERE created_at::date = :day GROUP BY sku"),
        {"day": day},
    )
    return result.rowcount
