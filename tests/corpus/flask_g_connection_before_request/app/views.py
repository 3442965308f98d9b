from flask import g, jsonify, request

from app import app, db
from app.models import Post


@app.post("/posts")
def create_post():
    data = request.get_json()
    post = Post(title=data["title"], body=data["body"])
    db.session.add(post)
    db.session.flush()
    cur = g.pg.cursor()  # expect: TXM001
    cur.execute("INSERT INTO post_search (post_id, tsv) VALUES (%s, to_tsvector(%s))", (post.id, post.body))
    g.pg.commit()
    db.session.commit()
    return jsonify(id=post.id), 201


@app.get("/posts/search")
def search_posts():
    cur = g.pg.cursor()
    cur.execute("SELECT post_id FROM post_search WHERE tsv @@ plainto_tsquery(%s)", (request.args["q"],))
    return jsonify([r[0] for r in cur.fetchall()])


@app.get("/posts/<int:post_id>")
def show_post(post_id: int):
    post = db.get_or_404(Post, post_id)
    return jsonify(title=post.title, body=post.body)
