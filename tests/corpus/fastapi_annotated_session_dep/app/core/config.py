from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SQLALCHEMY_DATABASE_URI: str = "postgresql+psycopg2://app:app@localhost/app"
    POSTGRES_DSN: str = "postgresql://app:app@localhost/app"


settings = Settings()
