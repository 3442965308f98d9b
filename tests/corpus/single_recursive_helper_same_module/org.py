import psycopg2
from sqlalchemy.orm import Session


def manager_chain(employee_id: int, limit: int = 8) -> list[int]:
    if limit == 0:
        return []
    conn = psycopg2.connect("dbname=hr")
    cur = conn.cursor()
    cur.execute("SELECT manager_id FROM employees WHERE id = %s", (employee_id,))
    row = cur.fetchone()
    conn.close()
    if not row or row[0] is None:
        return []
    return [row[0], *manager_chain(row[0], limit - 1)]


def request_approval(session: Session, expense) -> None:
    approvers = manager_chain(expense.employee_id)  # expect: TXM001
    for level, approver in enumerate(approvers[:2]):
        session.add(Approval(expense_id=expense.id, approver_id=approver, level=level))
    session.commit()


class Approval:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
