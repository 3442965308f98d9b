from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.database import get_session
from app.links import resolve_page
from app.models import Page

app = FastAPI()


@app.get("/pages/{page_id}/reachable")
async def reachable(page_id: int, session: AsyncSession = Depends(get_session)):
    ids = await resolve_page(page_id, set())  # expect: TXM003
    pages = (await session.scalars(select(Page).where(Page.id.in_(ids)))).all()
    return [{"id": p.id, "title": p.title} for p in pages]
