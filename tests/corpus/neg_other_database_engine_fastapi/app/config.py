import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://jobs@primary/jobs")
SEARCH_DATABASE_URL = os.getenv("SEARCH_DATABASE_URL", "postgresql://search@search-db/search")
