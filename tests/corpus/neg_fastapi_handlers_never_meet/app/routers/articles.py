from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.db import get_db
from app.models import Article

router = APIRouter(prefix="/articles")


@router.post("/")
def create_article(title: str, body: str, db: Session = Depends(get_db)):
    article = Article(title=title, body=body)
    db.add(article)
    db.commit()
    return {"id": article.id}


@router.get("/{article_id}")
def read_article(article_id: int, db: Session = Depends(get_db)):
    return db.get(Article, article_id)
