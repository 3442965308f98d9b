import asyncpg
from fastapi import Depends, FastAPI, HTTPException, Request
from sqlalchemy import select

from app.counters import bump_views
from app.database import get_db
from app.models import Article
from app.settings import POSTGRES_DSN

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    app.state.pg = await asyncpg.create_pool(POSTGRES_DSN)


@app.on_event("shutdown")
async def shutdown() -> None:
    await app.state.pg.close()


@app.get("/articles/{slug}")
async def read_article(slug: str, request: Request, db=Depends(get_db)):
    article = await db.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise HTTPException(404)
    views = await bump_views(request.app.state.pg, article.id)  # expect: TXM003
    return {"slug": article.slug, "body": article.body, "views": views}


@app.get("/stats/{article_id}")
async def article_stats(article_id: int, request: Request):
    views = await bump_views(request.app.state.pg, article_id)
    return {"views": views}
