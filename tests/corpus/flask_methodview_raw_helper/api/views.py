from flask import Flask, jsonify, request
from flask.views import MethodView

from api.extensions import db
from api.models import Employee
from api.payroll import record_salary_change


class EmployeeAPI(MethodView):
    def get(self, employee_id: int):
        employee = db.get_or_404(Employee, employee_id)
        return jsonify(id=employee.id, name=employee.name)

    def patch(self, employee_id: int):
        employee = db.get_or_404(Employee, employee_id)
        data = request.get_json()
        if "salary" in data:
            record_salary_change(employee.id, employee.salary, data["salary"])  # expect: TXM001
            employee.salary = data["salary"]
        db.session.commit()
        return jsonify(id=employee.id, salary=str(employee.salary))


def register_views(app: Flask) -> None:
    app.add_url_rule("/employees/<int:employee_id>", view_func=EmployeeAPI.as_view("employee"))
