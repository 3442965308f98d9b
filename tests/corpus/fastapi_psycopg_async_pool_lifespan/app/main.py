from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.db import Session, pool
from app.models import Dashboard


@asynccontextmanager
async def lifespan(app: FastAPI):
    await pool.open()
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/dashboards")
async def create_dashboard(name: str, owner: str):
    async with Session() as session:
        dash = Dashboard(name=name, owner=owner)
        session.add(dash)
        await session.flush()
        async with pool.connection() as conn:  # expect: TXM002
            await conn.execute("INSERT INTO dashboard_acl (dashboard_id, principal, role) VALUES (%s, %s, 'owner')", (dash.id, owner))
        await session.commit()
        return {"id": dash.id}


@app.get("/dashboards/{dashboard_id}/panels")
async def panels(dashboard_id: int):
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT id, title FROM panels WHERE dashboard_id = %s", (dashboard_id,))
        return [{"id": i, "title": t} for i, t in await cur.fetchall()]
