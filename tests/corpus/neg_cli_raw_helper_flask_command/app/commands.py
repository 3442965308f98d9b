import click
from flask import Flask

from app.rawsql import truncate_events


def register_commands(app: Flask) -> None:
    @app.cli.command("purge-events")
    def purge_events() -> None:
        """Drop the clickstream table's rows."""
        truncate_events()
        click.echo("purged")
