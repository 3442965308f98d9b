from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from api.db import init_pool
from api.queries import add_store, nearby_stores


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await init_pool()
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/stores/nearby")
async def stores_nearby(request: Request, lat: float, lon: float, km: float = 5):
    return await nearby_stores(request.app.state.pool, lat, lon, km)


@app.post("/stores")
async def create_store(request: Request, name: str, lat: float, lon: float):
    return {"id": await add_store(request.app.state.pool, name, lat, lon)}
