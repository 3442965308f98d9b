import asyncpg
from fastapi import FastAPI, Request

app = FastAPI()


@app.get("/profile")
async def profile(request: Request):
    user_id = request.session.get("user_id")
    request.session.update({"seen_profile": True})
    conn = await asyncpg.connect("postgresql://web@localhost/web")
    try:
        row = await conn.fetchrow("SELECT name, avatar FROM profiles WHERE user_id = $1", user_id)
    finally:
        await conn.close()
    return dict(row) if row else {}
