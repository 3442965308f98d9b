from fastapi import FastAPI

from app.routers import customers, orders

app = FastAPI(title="shop")
app.include_router(orders.router)
app.include_router(customers.router)


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
