from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql+psycopg://billing:billing@db:5432/billing"
    pg_conninfo: str = "host=db dbname=billing user=billing password=billing"


settings = Settings()
