import asyncpg
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.store import cart_total

DSN = "postgresql://shop@localhost/shop"


async def add_to_cart(request: Request) -> JSONResponse:
    item = (await request.json())["sku"]
    cart = request.session.get("cart", [])
    cart.append(item)
    request.session["cart"] = cart
    conn = await asyncpg.connect(DSN)
    try:
        await conn.execute("INSERT INTO cart_events (sku) VALUES ($1)", item)
    finally:
        await conn.close()
    return JSONResponse({"items": len(cart), "total": await cart_total(request)})


app = Starlette(
    routes=[Route("/cart", add_to_cart, methods=["POST"])],
    middleware=[Middleware(SessionMiddleware, secret_key="change-me")],
)
