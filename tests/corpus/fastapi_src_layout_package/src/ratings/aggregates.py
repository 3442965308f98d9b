from sqlalchemy import text

from ratings.db import engine


def recompute_average(sku: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE product_ratings SET avg_stars = (SELECT avg(stars) FROM reviews WHERE product_sku = :s) WHERE sku = :s"),
            {"s": sku},
        )
