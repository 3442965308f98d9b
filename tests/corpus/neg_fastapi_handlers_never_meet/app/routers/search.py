from fastapi import APIRouter

from app.search import full_text_search

router = APIRouter(prefix="/search")


@router.get("/")
def search(q: str):
    return {"ids": full_text_search(q)}
