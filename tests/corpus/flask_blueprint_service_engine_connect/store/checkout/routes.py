from flask import Blueprint, jsonify

from store.checkout import services

checkout_bp = Blueprint("checkout", __name__, url_prefix="/checkout")


@checkout_bp.route("/<int:cart_id>", methods=["POST"])
def do_checkout(cart_id: int):
    total = services.checkout(cart_id)
    return jsonify(total_cents=total)
