import os


def database_password() -> str:
    return os.environ["PAYROLL_DB_PASSWORD"]
