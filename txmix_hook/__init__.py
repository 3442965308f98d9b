"""txmix: warns when SQLAlchemy ORM work and raw PostgreSQL driver work share one transaction."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("txmix")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
