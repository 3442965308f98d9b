from flask import jsonify, request

from app.db_raw import get_conn
from app.extensions import db
from app.inventory import bp
from app.models import Product


@bp.route("/restock", methods=["POST"])
def restock():
    items = request.get_json()["items"]
    conn = get_conn()
    cur = conn.cursor()
    cur.executemany("UPDATE products SET stock = stock + %(qty)s WHERE sku = %(sku)s", items)
    conn.commit()
    return jsonify(updated=len(items))


@bp.route("/<sku>/rename", methods=["POST"])
def rename(sku: str):
    product = Product.query.filter_by(sku=sku).first_or_404()
    product.name = request.get_json()["name"]
    db.session.commit()
    return jsonify(sku=product.sku, name=product.name)


@bp.route("/low")
def low_stock():
    threshold = int(request.args.get("below", 5))
    products = db.session.scalars(db.select(Product).where(Product.stock < threshold)).all()
    conn = get_conn()  # expect: TXM004
    cur = conn.cursor()
    cur.execute("SELECT sku, sum(quantity) FROM orders o JOIN products p ON p.id = o.product_id WHERE o.status = 'new' GROUP BY sku")
    pending = dict(cur.fetchall())
    return jsonify([{"sku": p.sku, "stock": p.stock, "pending": pending.get(p.sku, 0)} for p in products])
