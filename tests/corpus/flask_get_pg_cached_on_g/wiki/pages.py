from flask import Blueprint, abort, jsonify, request

from wiki.extensions import db
from wiki.models import Page
from wiki.pgconn import get_pg

pages = Blueprint("pages", __name__, url_prefix="/pages")


@pages.route("/<slug>", methods=["PUT"])
def save_page(slug: str):
    page = Page.query.filter_by(slug=slug).first()
    if page is None:
        abort(404)
    old = page.content
    page.content = request.get_json()["content"]
    page.revision += 1
    cur = get_pg().cursor()  # expect: TXM001
    cur.execute("INSERT INTO page_revisions (page_id, revision, content) VALUES (%s, %s, %s)", (page.id, page.revision - 1, old))
    get_pg().commit()
    db.session.commit()
    return jsonify(revision=page.revision)


@pages.route("/<slug>/history")
def history(slug: str):
    cur = get_pg().cursor()
    cur.execute("SELECT revision, created_at FROM page_revisions r JOIN page p ON p.id = r.page_id WHERE p.slug = %s", (slug,))
    return jsonify([{"revision": r, "at": str(t)} for r, t in cur.fetchall()])
