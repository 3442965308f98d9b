from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql+psycopg2://app@db/app"
    ANALYTICS_DSN: str = "postgresql://etl@analytics/events"


settings = Settings()
