import psycopg2
from flask import current_app, jsonify, request

from app.db_raw import get_conn
from app.extensions import db
from app.models import Order, Product
from app.orders import bp


@bp.route("/", methods=["POST"])
def place_order():
    data = request.get_json()
    product = Product.query.filter_by(sku=data["sku"]).first_or_404()
    order = Order(product_id=product.id, quantity=data["quantity"])
    db.session.add(order)
    conn = get_conn()  # expect: TXM004
    cur = conn.cursor()
    cur.execute("UPDATE products SET stock = stock - %s WHERE id = %s", (data["quantity"], product.id))
    conn.commit()
    db.session.commit()
    return jsonify(id=order.id), 201


@bp.route("/<int:order_id>/ship", methods=["POST"])
def ship_order(order_id: int):
    order = db.session.get(Order, order_id)
    order.status = "shipped"
    conn = psycopg2.connect(current_app.config["SQLALCHEMY_DATABASE_URI"])  # expect: TXM001
    with conn, conn.cursor() as cur:
        cur.execute("INSERT INTO shipments (order_id, shipped_at) VALUES (%s, now())", (order_id,))
    conn.close()
    db.session.commit()
    return jsonify(status=order.status)


@bp.route("/<int:order_id>")
def show_order(order_id: int):
    order = db.get_or_404(Order, order_id)
    return jsonify(id=order.id, status=order.status, quantity=order.quantity)
