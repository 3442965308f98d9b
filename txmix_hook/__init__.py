"""txmix: warns when SQLAlchemy ORM work and raw PostgreSQL driver work share one transaction."""

# A literal, not ``importlib.metadata.version("txmix")``: that import alone costs more than the
# whole ``txmix --version`` budget. tests/test_fast_start.py keeps it equal to pyproject.toml.
__version__ = "0.1.0"
