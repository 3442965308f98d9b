import click

from app.maintenance import reindex_all


@click.group()
def cli() -> None:
    """Operations commands."""


@cli.command()
def reindex() -> None:
    """Rebuild every index without locking writes."""
    reindex_all()
    click.echo("done")


if __name__ == "__main__":
    cli()
