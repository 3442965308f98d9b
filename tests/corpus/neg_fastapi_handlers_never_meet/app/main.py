from fastapi import FastAPI

from app.routers import articles, search

app = FastAPI()
app.include_router(articles.router)
app.include_router(search.router)
