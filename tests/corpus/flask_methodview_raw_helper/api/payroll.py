import psycopg2
from flask import current_app


def record_salary_change(employee_id: int, old, new) -> None:
    with psycopg2.connect(current_app.config["SQLALCHEMY_DATABASE_URI"].replace("+psycopg2", "")) as conn:
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO salary_history (employee_id, old_salary, new_salary) VALUES (%s, %s, %s)",
                (employee_id, old, new),
            )
