from flask import Blueprint, g, jsonify, request, session

from blog.extensions import db
from blog.models import Post

bp = Blueprint("posts", __name__)


@bp.before_app_request
def load_user() -> None:
    g.user_id = session.get("user_id")


@bp.post("/posts/<int:post_id>/like")
def like(post_id: int):
    post = db.get_or_404(Post, post_id)
    post.likes += 1
    db.session.execute(db.text("UPDATE post_stats SET likes = likes + 1 WHERE post_id = :id"), {"id": post_id})
    db.session.commit()
    return jsonify(likes=post.likes)


@bp.get("/posts")
def index():
    page = Post.query.order_by(Post.id.desc()).paginate(page=int(request.args.get("page", 1)), per_page=20)
    return jsonify([p.title for p in page.items])
